import { useId, useState } from 'react';
import { useModalDialog } from '../../lib/use-modal-dialog.ts';
import type { ExportFormat } from '../../../../shared/ipc/contract.ts';
import { printablePageUrl } from '../../lib/api.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useActions, useApp } from '../../store/index.ts';
import { messageOf } from '../../store/types.ts';

const CHOICES: { format: ExportFormat; label: string; hint: string }[] = [
  {
    format: 'markdown',
    label: 'Report (Markdown)',
    hint: 'Score, findings with quotes, STAR, pace, transcript',
  },
  { format: 'pdf', label: 'Report (PDF)', hint: 'The same report, ready to print or share' },
  { format: 'txt', label: 'Transcript (TXT)', hint: 'Plain text' },
  { format: 'srt', label: 'Subtitles (SRT)', hint: 'Timed lines for video players' },
  { format: 'vtt', label: 'Subtitles (WebVTT)', hint: 'Timed lines for the web' },
  { format: 'json', label: 'Transcript and analysis (JSON)', hint: 'Everything, for other tools' },
  { format: 'wav', label: 'Recording (WAV)', hint: 'The audio as recorded' },
];

/** The review's Export button and its dialog: report, transcript and recording files. */
export function ExportButton() {
  const attemptId = useApp((s) => s.review.attemptId);
  const actions = useActions();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const dialog = useModalDialog(open);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const printable = attemptId ? printablePageUrl(attemptId) : null;

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setStatus(null);
    try {
      const file = await actions.exportAttempt(format);
      saveFile(file);
      setStatus(`Saved ${file.fileName}.`);
    } catch (error) {
      setStatus(messageOf(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Export…
      </button>
      <dialog
        ref={dialog}
        className="dialog export-dialog"
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
      >
        <h2 id={titleId} className="panel__title">
          Export this attempt
        </h2>
        <ul className="export-list">
          {CHOICES.map((choice) => (
            <li key={choice.format}>
              {choice.format === 'pdf' && printable ? (
                <a className="button" href={printable} target="_blank" rel="noreferrer">
                  Printable report (print to PDF)
                </a>
              ) : (
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => void run(choice.format)}
                >
                  {choice.label}
                </button>
              )}
              <span className="small muted">{choice.hint}</span>
            </li>
          ))}
        </ul>
        <p className="small" role="status">
          {busy ? 'Preparing the file…' : status}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
