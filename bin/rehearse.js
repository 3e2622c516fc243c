#!/usr/bin/env node
// The `rehearse` command. Runs the TypeScript CLI through tsx so a clean clone works right after
// `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`rehearse analyze … --json | head`) closes the pipe: not an error.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
