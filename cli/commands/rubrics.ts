import { DEFAULT_RUBRIC, RUBRICS } from '../../shared/rubric/catalog.ts';
import type { CliIO } from '../main.ts';

/** Lists the rubrics `rehearse analyze --rubric <id>` accepts. */
export function runRubrics(_args: string[], io: CliIO): void {
  const width = Math.max(...RUBRICS.map((rubric) => rubric.id.length));
  for (const rubric of RUBRICS) {
    const note = rubric === DEFAULT_RUBRIC ? ' (default)' : '';
    io.stdout(`${rubric.id.padEnd(width)}  ${rubric.label}${note}\n`);
    io.stdout(
      `${' '.repeat(width)}  ${rubric.findings.length} checks: ${rubric.findings.map((rule) => rule.code).join(', ')}\n`,
    );
  }
}
