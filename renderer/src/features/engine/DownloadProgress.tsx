import { describeDownload } from '../../lib/format.ts';

/** A model download: a real progress bar and "34.2 MB of 112.0 MB · 31%". */
export function DownloadProgress({
  label,
  loadedBytes,
  totalBytes,
}: {
  label: string;
  loadedBytes: number;
  totalBytes: number;
}) {
  const { percent, text } = describeDownload(loadedBytes, totalBytes);
  return (
    <div className="download">
      <div
        className="progress download__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={text}
      >
        <div
          className={
            percent === null ? 'progress__fill progress__fill--indeterminate' : 'progress__fill'
          }
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p className="download__figures">{text}</p>
    </div>
  );
}
