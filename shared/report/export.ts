/**
 * An attempt as files: the report (Markdown, and HTML for the printable page and the PDF) and the
 * transcript (TXT, SRT, VTT, JSON). Every figure comes from coach.ts, as on screen.
 */
import type { AnswerReport, AnalyzedWord, StarPart } from '../analysis/types.ts';
import type { AttemptDetail } from '../ipc/contract.ts';
import type { UnclearSpan } from '../transcript/types.ts';
import {
  describeUnclearSpan,
  describeUnclearTotal,
  unclearMarker,
  unclearBeforeWords,
} from '../transcript/unclear.ts';
import {
  answerFigures,
  describeFigures,
  formatClock,
  formatShare,
  rankFindings,
  SEVERITY_LABELS,
} from './coach.ts';

const STAR_PARTS: readonly StarPart[] = ['situation', 'task', 'action', 'result'];
const STAR_NAMES: Record<StarPart, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
};

/** An analysed attempt: what every report export needs. */
export type AnalysedAttempt = AttemptDetail & { report: AnswerReport };

export function isAnalysed(detail: AttemptDetail): detail is AnalysedAttempt {
  return detail.report !== null;
}

/** "rehearse-pipeline-broke-2026-12-02-0937" (UTC), the stem of every exported file. */
export function exportFileStem(detail: Pick<AttemptDetail, 'question' | 'createdAt'>): string {
  const slug = detail.question.id.replace(/[^a-z0-9-]+/giu, '-').slice(0, 40);
  const when = detail.createdAt
    .slice(0, 16)
    .replace(/[T:]/gu, '-')
    .replace(/-(\d\d)$/u, '$1');
  return `rehearse-${slug}-${when}`;
}

function quote(report: AnswerReport, startWord: number, endWord: number, max = 16): string {
  const words = report.words.slice(startWord, endWord).map((w) => w.text);
  return `“${words.slice(0, max).join(' ')}${words.length > max ? ' …' : ''}”`;
}

/** The report's content as blocks both the Markdown and the HTML writer render. */
interface ReportContent {
  title: string;
  when: string;
  score: number;
  figures: string;
  dimensions: { label: string; score: number }[];
  findings: { severity: string; title: string; message: string; evidence: string[] }[];
  star: string[];
  pace: string;
  /** Words, fillers marked, and where the audio was too unclear to transcribe, in time order. */
  transcript: TranscriptItem[];
  /** "6 s of audio was too unclear to transcribe", or null when all of it was transcribed. */
  unclear: string | null;
}

type TranscriptItem =
  | { kind: 'word'; text: string; filler: boolean; part: StarPart | null; partStart: boolean }
  | { kind: 'unclear'; marker: string; description: string };

/** The report's words with its unclear spans placed between them, as the review shows them. */
function transcriptItems(
  report: AnswerReport,
  word: (index: number) => Extract<TranscriptItem, { kind: 'word' }>,
): TranscriptItem[] {
  const before = unclearBeforeWords(report.words, report.unclear ?? []);
  const items: TranscriptItem[] = [];
  const unclearBefore = (index: number) => {
    for (const span of before[index]!)
      items.push({
        kind: 'unclear',
        marker: unclearMarker(span),
        description: describeUnclearSpan(span),
      });
  };
  report.words.forEach((_word, index) => {
    unclearBefore(index);
    items.push(word(index));
  });
  unclearBefore(report.words.length);
  return items;
}

function reportContent(detail: AnalysedAttempt): ReportContent {
  const { report } = detail;
  const figures = answerFigures(report);
  const sectionOf = (index: number) =>
    report.sections.find((s) => index >= s.startWord && index < s.endWord)?.part ?? null;
  const fillerWords = new Set<number>();
  for (const o of report.fillers.occurrences)
    for (let i = o.startWord; i < o.endWord; i++) fillerWords.add(i);
  report.words.forEach((w, i) => w.filler && fillerWords.add(i));
  return {
    title: detail.question.prompt,
    when: `${detail.createdAt.slice(0, 16).replace('T', ' ')} UTC · ${formatClock(detail.durationSec)} recorded`,
    score: figures.score,
    figures: describeFigures(figures),
    dimensions: report.score.dimensions.map((d) => ({
      label: d.label,
      score: Math.round(d.score),
    })),
    findings: rankFindings(report).map((item) => ({
      severity: SEVERITY_LABELS[item.finding.severity],
      title: item.title,
      message: item.finding.message,
      evidence: item.finding.evidence
        .slice(0, 3)
        .map(
          (range) =>
            `${range.start !== undefined ? `[${formatClock(range.start)}] ` : ''}${quote(report, range.startWord, range.endWord)}`,
        ),
    })),
    star: STAR_PARTS.map((part) => {
      const section = report.sections.find((s) => s.part === part);
      return section
        ? `${STAR_NAMES[part]}: ${formatShare(section.wordShare)} of the answer, from ${formatClock(section.start ?? 0)}`
        : `${STAR_NAMES[part]}: not heard`;
    }),
    pace:
      report.timing.paceOverTime.length > 0
        ? `Average ${figures.wordsPerMinute} words per minute; by window: ${report.timing.paceOverTime.map((p) => `${formatClock(p.start)} ${Math.round(p.wordsPerMinute)}`).join(' · ')}`
        : `Average ${figures.wordsPerMinute} words per minute`,
    transcript: transcriptItems(report, (i) => {
      const part = sectionOf(i);
      return {
        kind: 'word',
        text: report.words[i]!.text,
        filler: fillerWords.has(i),
        part,
        partStart: part !== null && (i === 0 || sectionOf(i - 1) !== part),
      };
    }),
    unclear: describeUnclearTotal(report.unclear ?? []),
  };
}

/** The report as Markdown: score, next steps with quotes and times, STAR, pace, transcript. */
export function reportMarkdown(detail: AnalysedAttempt): string {
  const c = reportContent(detail);
  const out = [
    `# ${c.title}`,
    '',
    `${c.when}`,
    '',
    `**Score: ${c.score} / 100** · ${c.figures}`,
    '',
    '| Part of the score | Score |',
    '| --- | ---: |',
    ...c.dimensions.map((d) => `| ${d.label} | ${d.score} |`),
    '',
    '## What to work on',
    '',
  ];
  if (c.findings.length === 0) out.push('Nothing to flag in this answer.', '');
  c.findings.forEach((f, i) => {
    out.push(`${i + 1}. **${f.title}** (${f.severity}). ${f.message}`);
    for (const e of f.evidence) out.push(`   - ${e}`);
  });
  out.push('', '## STAR structure', '', ...c.star.map((s) => `- ${s}`), '', '## Pace', '', c.pace);
  out.push('', '## Transcript', '', 'Fillers are marked like ~~um~~.', '');
  if (c.unclear) out.push(`${c.unclear}; it is marked _[unclear …]_ where it falls.`, '');
  const words = c.transcript.map((w) =>
    w.kind === 'unclear'
      ? `_${w.marker}_`
      : `${w.partStart && w.part ? `**[${STAR_NAMES[w.part]}]** ` : ''}${w.filler ? `~~${w.text}~~` : w.text}`,
  );
  out.push(words.join(' '), '');
  return out.join('\n');
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/gu,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** The same report as a self-contained printable page (for the PDF and the browser's print). */
export function reportHtml(detail: AnalysedAttempt): string {
  const c = reportContent(detail);
  const e = escapeHtml;
  const findings =
    c.findings.length === 0
      ? '<p>Nothing to flag in this answer.</p>'
      : `<ol>${c.findings
          .map(
            (f) =>
              `<li><strong>${e(f.title)}</strong> <span class="sev">${e(f.severity)}</span><br>${e(f.message)}${
                f.evidence.length > 0
                  ? `<ul>${f.evidence.map((x) => `<li class="quote">${e(x)}</li>`).join('')}</ul>`
                  : ''
              }</li>`,
          )
          .join('')}</ol>`;
  const transcript = c.transcript
    .map((w) =>
      w.kind === 'unclear'
        ? `<span class="unclear" title="${e(w.description)}">${e(w.marker)}</span>`
        : `${w.partStart && w.part ? `<span class="part">${STAR_NAMES[w.part]}</span> ` : ''}${w.filler ? `<mark>${e(w.text)}</mark>` : e(w.text)}`,
    )
    .join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(c.title)} · Rehearse report</title>
<style>
body{font:11pt/1.45 'DejaVu Sans','Segoe UI',system-ui,sans-serif;color:#1f2430;max-width:46rem;margin:2rem auto;padding:0 1.5rem}
h1{font:600 16pt/1.3 Georgia,'DejaVu Serif',serif;margin:0 0 .25rem}h2{font-size:12pt;margin:1.4rem 0 .4rem;border-bottom:1px solid #ccc}
.meta{color:#4a5060;margin:0 0 .8rem}.score{font-size:26pt;font-weight:700}.score small{font-size:11pt;font-weight:400}
table{border-collapse:collapse}td{padding:2px 12px 2px 0}td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{font-size:8pt;text-transform:uppercase;letter-spacing:.05em;border:1px solid #888;border-radius:8px;padding:0 5px}
.quote{color:#4a5060;font-style:italic}li{margin-bottom:.35rem}
mark{background:#fdf0d9;color:#7a4500;text-decoration:underline wavy #b26a00}
.part{font-size:8pt;font-weight:700;text-transform:uppercase;border:1px solid #1f2430;border-radius:4px;padding:0 4px}
.transcript{font-family:Georgia,'DejaVu Serif',serif;line-height:1.8}
.unclear{font:italic 9pt 'DejaVu Sans','Segoe UI',system-ui,sans-serif;border:1px dashed #4a5060;border-radius:4px;padding:0 4px;white-space:nowrap}
h2,h2+.meta{break-after:avoid}li{break-inside:avoid}.transcript{orphans:3;widows:3}
@page{margin:16mm}@media print{body{margin:0;max-width:none}}
</style></head><body>
<h1>${e(c.title)}</h1>
<p class="meta">${e(c.when)}</p>
<p><span class="score">${c.score} <small>/ 100</small></span><br>${e(c.figures)}</p>
<table>${c.dimensions.map((d) => `<tr><td>${e(d.label)}</td><td class="n">${d.score}</td></tr>`).join('')}</table>
<h2>What to work on</h2>${findings}
<h2>STAR structure</h2><ul>${c.star.map((s) => `<li>${e(s)}</li>`).join('')}</ul>
<h2>Pace</h2><p>${e(c.pace)}</p>
<h2>Transcript</h2><p class="meta">Fillers are <mark>highlighted and underlined</mark>.${c.unclear ? ` ${e(c.unclear)}; it is marked <span class="unclear">[unclear …]</span> where it falls.` : ''}</p>
<p class="transcript">${transcript}</p>
</body></html>
`;
}

/** The transcript as plain text, with "[unclear 0:41–0:47]" where the audio could not be written. */
export function transcriptText(
  words: readonly AnalyzedWord[],
  unclear: readonly UnclearSpan[] = [],
): string {
  const before = unclearBeforeWords(words, unclear);
  const parts = words.flatMap((word, index) => [...before[index]!.map(unclearMarker), word.text]);
  parts.push(...before[words.length]!.map(unclearMarker));
  return `${parts.join(' ')}\n`;
}

/**
 * Subtitle cues: a sentence or at most 12 words / 6 seconds each, and a cue of its own for each
 * stretch too unclear to transcribe (no word cue runs across one).
 */
function cues(
  words: readonly AnalyzedWord[],
  unclear: readonly UnclearSpan[],
): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let current: AnalyzedWord[] = [];
  const flush = () => {
    if (current.length === 0) return;
    out.push({
      start: current[0]!.start,
      end: current[current.length - 1]!.end,
      text: current.map((w) => w.text).join(' '),
    });
    current = [];
  };
  const before = unclearBeforeWords(words, unclear);
  const spansBefore = (index: number) => {
    for (const span of before[index]!) {
      flush();
      out.push({ start: span.start, end: span.end, text: UNCLEAR_CUE });
    }
  };
  words.forEach((word, index) => {
    spansBefore(index);
    if (current.length > 0 && (current.length >= 12 || word.end - current[0]!.start > 6)) flush();
    current.push(word);
    if (/[.!?]$/u.test(word.text)) flush();
  });
  flush();
  spansBefore(words.length);
  return out;
}

/** What a subtitle cue says over audio too unclear to transcribe. */
const UNCLEAR_CUE = '[audio too unclear to transcribe]';

function timestamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

export function transcriptSrt(
  words: readonly AnalyzedWord[],
  unclear: readonly UnclearSpan[] = [],
): string {
  return cues(words, unclear)
    .map(
      (cue, i) =>
        `${i + 1}\n${timestamp(cue.start, ',')} --> ${timestamp(cue.end, ',')}\n${cue.text}\n`,
    )
    .join('\n');
}

export function transcriptVtt(
  words: readonly AnalyzedWord[],
  unclear: readonly UnclearSpan[] = [],
): string {
  return `WEBVTT\n\n${cues(words, unclear)
    .map((cue) => `${timestamp(cue.start, '.')} --> ${timestamp(cue.end, '.')}\n${cue.text}\n`)
    .join('\n')}`;
}
