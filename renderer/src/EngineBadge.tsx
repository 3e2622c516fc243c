import { describeDownload } from './lib/format.ts';
import { useApp } from './store/index.ts';
import { MODEL_NAMES } from '../../shared/ipc/contract.ts';

/** Which speech model runs, and whether it is ready: the app works offline, so say so. */
export function EngineBadge() {
  const engine = useApp((s) => s.session.engine);
  if (!engine) return <span className="engine-badge">Connecting…</span>;
  const name = MODEL_NAMES[engine.model];
  const download =
    engine.state === 'downloading' && engine.download
      ? describeDownload(engine.download.loadedBytes, engine.download.totalBytes)
      : null;
  // The announced text stays put while downloading; the figures change many times a second.
  const text =
    engine.state === 'ready'
      ? `${name} · on this computer`
      : engine.state === 'idle'
        ? `${name} · loads on first answer`
        : engine.state === 'loading'
          ? `${name} · loading…`
          : engine.state === 'downloading'
            ? `${name} · downloading`
            : `${name} · unavailable`;
  const tooltip = download
    ? `Downloading ${name}: ${download.text}`
    : (engine.error?.message ?? text);
  return (
    <span className={`engine-badge engine-badge--${engine.state}`} title={tooltip}>
      <span className="engine-badge__dot" aria-hidden="true" />
      <span role="status">{text}</span>
      {download && (
        <span className="engine-badge__download" aria-hidden="true">
          <span className="engine-badge__bar">
            <span style={{ width: `${download.percent ?? 0}%` }} />
          </span>
          {download.percent === null ? download.text : `${download.percent}%`}
        </span>
      )}
    </span>
  );
}
