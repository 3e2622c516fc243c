import { describe, expect, it } from 'vitest';
import { CaptureClock, describeLostAudio } from './capture-clock.ts';

const RATE = 1000;
const CHUNK = 250; // 0.25 s

/** Feeds `chunks` chunks, each arriving `jitter(i)` seconds late, skipping `lost` at chunk `at`. */
function feed(
  clock: CaptureClock,
  chunks: number,
  { at = -1, lostSec = 0, jitter = (i: number) => ((i * 7) % 5) * 0.01 } = {},
): void {
  let wall = 0;
  for (let i = 0; i < chunks; i++) {
    if (i === at) wall += lostSec;
    wall += CHUNK / RATE;
    clock.add(CHUNK, wall + 0.02 + jitter(i));
  }
}

describe('CaptureClock', () => {
  it('finds no loss when every chunk arrives, however the posting jitters', () => {
    const clock = new CaptureClock(RATE);
    feed(clock, 480);
    const report = clock.report()!;
    expect(report.lostSec).toBe(0);
    expect(report.gaps).toEqual([]);
    expect(report.receivedSec).toBe(120);
  });

  it('places a dropped stretch where it happened and measures it', () => {
    const clock = new CaptureClock(RATE);
    feed(clock, 480, { at: 280, lostSec: 4.2 }); // 4.2 s missing after 70 s received
    const report = clock.report()!;
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]!.atSec).toBeCloseTo(70, 0);
    expect(report.gaps[0]!.lostSec).toBeCloseTo(4.2, 1);
    expect(report.clockSec).toBeGreaterThan(124);
    expect(describeLostAudio(report)).toMatch(
      /^4\.2 s of audio were lost at 1:10 because the computer was busy\./,
    );
  });

  it('does not count a stall the capture catches up on', () => {
    const clock = new CaptureClock(RATE);
    // Chunk 100 is posted 0.8 s late, then the backlog arrives at once: nothing was lost.
    feed(clock, 200, { jitter: (i) => (i === 100 ? 0.8 : i === 101 ? 0.55 : i === 102 ? 0.3 : 0) });
    expect(clock.report()!.lostSec).toBe(0);
  });

  it('catches a loss in the last second, but not a late final flush', () => {
    const clock = new CaptureClock(RATE);
    feed(clock, 100, { at: 98, lostSec: 1 });
    expect(clock.report()!.lostSec).toBeCloseTo(1, 1);
    const flushed = new CaptureClock(RATE);
    feed(flushed, 100, { jitter: (i) => (i === 99 ? 2 : 0) });
    expect(flushed.report()!.lostSec).toBe(0);
  });

  it('reports nothing without clocks, and says nothing below 1 %', () => {
    const clock = new CaptureClock(RATE);
    clock.add(CHUNK);
    expect(clock.report()).toBeNull();
    expect(
      describeLostAudio({
        clockSec: 120,
        receivedSec: 119,
        lostSec: 1,
        gaps: [{ atSec: 5, lostSec: 1 }],
      }),
    ).toBeNull();
    expect(
      describeLostAudio({
        clockSec: 120,
        receivedSec: 110,
        lostSec: 10,
        gaps: [
          { atSec: 30, lostSec: 3 },
          { atSec: 75, lostSec: 7 },
        ],
      }),
    ).toMatch(/^10\.0 s of audio were lost in 2 places \(the longest, 7\.0 s, at 1:15\)/);
  });
});
