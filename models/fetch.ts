/**
 * `npm run fetch-models [-- --model whisper-base] [--dir <folder>]`: downloads the Whisper models listed
 * in models/manifest.json (sha256-verified) into models/ (or --dir), on a machine with internet.
 * The weights are git-ignored; the app bundles this folder or downloads into its cache on first use.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { downloadModel } from '../electron/engine/models.ts';
import { isModelId, MODEL_IDS } from '../shared/ipc/contract.ts';

const { values } = parseArgs({
  options: { model: { type: 'string', multiple: true }, dir: { type: 'string' } },
});
const models = values.model ?? [...MODEL_IDS];
const root = resolve(values.dir ?? dirname(fileURLToPath(import.meta.url)));

for (const model of models) {
  if (!isModelId(model)) {
    console.error(`Unknown model "${model}"; choose from ${MODEL_IDS.join(', ')}.`);
    process.exit(2);
  }
  let lastPercent = -1;
  try {
    await downloadModel(model, root, ({ file, loadedBytes, totalBytes }) => {
      const percent = Math.floor((100 * loadedBytes) / totalBytes);
      if (percent !== lastPercent) {
        lastPercent = percent;
        process.stderr.write(
          `\r${model}: ${percent}% (${(loadedBytes / 1e6).toFixed(1)} / ${(totalBytes / 1e6).toFixed(1)} MB) ${file}`.padEnd(
            100,
          ),
        );
      }
    });
    process.stderr.write(`\n${model}: ready in ${resolve(root, model)}\n`);
  } catch (error) {
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
