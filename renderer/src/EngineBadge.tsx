import { useApp } from './store/index.ts';

const MODEL_NAMES = { 'whisper-base': 'Whisper base', 'whisper-tiny': 'Whisper tiny' } as const;

/** Which speech model runs, and whether it is ready: the app works offline, so say so. */
export function EngineBadge() {
  const engine = useApp((s) => s.session.engine);
  if (!engine) return <span className="engine-badge">Connecting…</span>;
  const name = MODEL_NAMES[engine.model];
  const text =
    engine.state === 'ready'
      ? `${name} · on this computer`
      : engine.state === 'idle'
        ? `${name} · loads on first answer`
        : engine.state === 'loading'
          ? `${name} · loading…`
          : engine.state === 'downloading'
            ? `${name} · downloading…`
            : `${name} · unavailable`;
  return (
    <span className={`engine-badge engine-badge--${engine.state}`} title={engine.error?.message ?? text} role="status">
      <span className="engine-badge__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
