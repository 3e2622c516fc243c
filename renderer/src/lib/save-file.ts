import type { ExportedFile } from '../../../shared/ipc/contract.ts';

/** Hands a file to the browser (or Electron's download handling) to save, under its name. */
export function saveFile(file: ExportedFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.data.slice().buffer], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to take the bytes before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
