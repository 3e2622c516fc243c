/**
 * Remembers the window's size and position in `window-state.json` (userData). Restoring checks
 * that the saved rectangle is still on a connected display; otherwise the window is centred at
 * the saved size (clamped to the largest display).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent = let the system centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1180, height: 820, maximized: false };
export const MIN_WINDOW_SIZE = { width: 760, height: 560 };

const STATE_SCHEMA = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

/** The saved state, or null when there is none or it is unreadable (never fatal). */
export function readWindowState(path: string): WindowState | null {
  try {
    const parsed = STATE_SCHEMA.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(path: string, state: WindowState): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, path);
}

/** How much of the title bar area must be visible for a saved position to count as on-screen. */
const MIN_VISIBLE = { width: 120, height: 40 };

/** Fits a saved state onto the current displays' work areas. */
export function fitToDisplays(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const state = saved ?? DEFAULT_WINDOW_STATE;
  const largest = workAreas.reduce<Rect | null>(
    (best, a) => (!best || a.width * a.height > best.width * best.height ? a : best),
    null,
  );
  const width = Math.max(
    MIN_WINDOW_SIZE.width,
    largest ? Math.min(state.width, largest.width) : state.width,
  );
  const height = Math.max(
    MIN_WINDOW_SIZE.height,
    largest ? Math.min(state.height, largest.height) : state.height,
  );
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const titleBar: Rect = { x: state.x, y: state.y, width, height: MIN_VISIBLE.height };
  const visible = workAreas.some((area) => {
    const w =
      Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
    const h =
      Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
    return w >= MIN_VISIBLE.width && h >= MIN_VISIBLE.height;
  });
  return visible ? { ...fitted, x: state.x, y: state.y } : fitted;
}
