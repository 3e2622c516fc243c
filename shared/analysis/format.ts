/**
 * Plain-text rendering of a report for the CLI: score, dimensions with reasons, timing, fillers,
 * STAR shares and findings with quoted evidence and times ("[0:42]"; "[~0:42]" when estimated).
 */
import type { Question } from '../questions/bank.ts';
import { describeUnclearTotal, formatUnclearSpan } from '../transcript/unclear.ts';
import { formatClock } from '../transcript/words.ts';
import type { AnswerReport, Finding, Severity, WordRange } from './types.ts';

const WIDTH = 96;
const SEVERITY_LABEL: Record<Severity, string> = {
  problem: 'PROBLEM',
  warning: 'warning',
  info: 'info',
};
const PART_LABEL = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
} as const;

function wrap(text: string, indent: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u)) {
    if (line.length > 0 && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(indent + line);
  return lines;
}

const pct = (share: number): string => `${Math.round(share * 100)}%`.padStart(4);

function clock(report: AnswerReport, seconds: number | undefined): string {
  return `${report.timing.estimated ? '~' : ''}${formatClock(seconds ?? 0)}`;
}

function quoteRange(report: AnswerReport, range: WordRange, maxWords = 14): string {
  const words = report.words.slice(range.startWord, range.endWord).map((word) => word.text);
  const shown = words.slice(0, maxWords).join(' ');
  return `"${shown}${words.length > maxWords ? ' …' : ''}"`;
}

function formatFinding(report: AnswerReport, finding: Finding): string[] {
  const lines = [`  ${SEVERITY_LABEL[finding.severity].padEnd(8)} ${finding.code}`];
  lines.push(...wrap(finding.message, '           '));
  const shown = finding.evidence.slice(0, 3);
  for (const range of shown) {
    const at = range.start === undefined ? '' : `[${clock(report, range.start)}] `;
    lines.push(...wrap(`${at}${quoteRange(report, range)}`, '             '));
  }
  if (finding.evidence.length > shown.length)
    lines.push(`             … and ${finding.evidence.length - shown.length} more`);
  return lines;
}

export function formatReportText(report: AnswerReport, question: Question): string {
  const { timing, fillers, score } = report;
  const out: string[] = [];
  out.push(...wrap(`Question: ${question.prompt}`, ''));
  out.push(`  (${question.id}, ${question.kind}; rubric ${report.rubricId})`);
  if (report.incidentStory !== undefined)
    out.push(
      `  Judged as an incident story too (${report.incidentStory === 'story' ? "the story's kind" : 'read from the answer'}): incident checks apply.`,
    );
  if (question.listeningFor.length > 0)
    out.push(...wrap(`Listening for: ${question.listeningFor}`, '  '));
  out.push('');
  out.push(`Score: ${score.overall}/100`);
  for (const reason of score.reasons ?? []) out.push(...wrap(reason, '  '));
  for (const dimension of score.dimensions) {
    out.push(
      `  ${dimension.label.padEnd(24)} ${String(dimension.score).padStart(3)}   (weight ${dimension.weight})`,
    );
    for (const reason of dimension.reasons) out.push(...wrap(reason, '      '));
  }
  out.push('');
  out.push(
    timing.estimated
      ? `Timing (estimated: no word timings, ${timing.estimatedWordsPerMinute ?? '?'} words per minute assumed)`
      : 'Timing',
  );
  out.push(
    `  ${formatClock(timing.durationSec)} total, ${timing.wordCount} words, ${formatClock(timing.speakingSec)} speaking, ${Math.round(timing.wordsPerMinute)} words per minute`,
  );
  if (!timing.estimated) {
    if (timing.paceOverTime.length > 0) {
      out.push(
        ...wrap(
          `Pace per window: ${timing.paceOverTime.map((sample) => `${formatClock(sample.start)} ${Math.round(sample.wordsPerMinute)}`).join(' · ')}`,
          '  ',
        ),
      );
    }
    const longest = [...timing.pauses].sort((a, b) => b.durationSec - a.durationSec).slice(0, 3);
    out.push(
      `  ${timing.pauses.length} pause${timing.pauses.length === 1 ? '' : 's'} of 0.6 s or more${longest.length > 0 ? `; longest: ${longest.map((pause) => `${pause.durationSec.toFixed(1)} s at ${formatClock(pause.start)}`).join(', ')}` : ''}`,
    );
    const unclear = describeUnclearTotal(report.unclear ?? []);
    if (unclear !== null) {
      out.push(
        ...wrap(
          `${unclear} (not counted as pauses or in the pace): ${(report.unclear ?? []).map(formatUnclearSpan).join(', ')}`,
          '  ',
        ),
      );
    }
  }
  const forms = Object.entries(fillers.byForm).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  out.push(
    `Fillers: ${fillers.count} (${fillers.perMinute} per minute)${forms.length > 0 ? ` ${forms.map(([form, count]) => `${form} ×${count}`).join(', ')}` : ''}`,
  );
  out.push('');
  out.push('STAR');
  for (const part of ['situation', 'task', 'action', 'result'] as const) {
    const section = report.sections.find((item) => item.part === part);
    out.push(
      section
        ? `  ${PART_LABEL[part].padEnd(10)} ${pct(section.wordShare)} of words, ${pct(section.timeShare)} of time  [${clock(report, section.start)}–${clock(report, section.end)}]  ${quoteRange(report, section, 8)}`
        : `  ${PART_LABEL[part].padEnd(10)} missing`,
    );
  }
  if (report.rambling.length > 0) {
    out.push('');
    out.push('Rambling');
    for (const section of report.rambling) {
      out.push(
        ...wrap(
          `[${clock(report, section.start)}] ${section.reason}: ${section.message} ${quoteRange(report, section, 10)}`,
          '  ',
        ),
      );
    }
  }
  out.push('');
  out.push(
    report.findings.length === 0 ? 'Findings: none' : `Findings (${report.findings.length})`,
  );
  for (const finding of report.findings) out.push(...formatFinding(report, finding));
  return `${out.join('\n')}\n`;
}
