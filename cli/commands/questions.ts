import { QUESTION_BANK } from '../../shared/questions/bank.ts';
import type { CliIO } from '../main.ts';

export function runQuestions(_args: string[], io: CliIO): void {
  const width = Math.max(...QUESTION_BANK.map((q) => q.id.length));
  for (const q of QUESTION_BANK) {
    io.stdout(`${q.id.padEnd(width)}  [${q.kind}]  ${q.prompt}\n`);
    io.stdout(`${' '.repeat(width)}  Listening for: ${q.listeningFor}\n`);
  }
}
