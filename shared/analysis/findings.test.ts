import { describe, expect, it } from 'vitest';
import { findQuestion, type Question } from '../questions/bank.ts';
import { DATA_ENGINEER_RUBRIC } from '../rubric/data-engineer.ts';
import { FLAWED, GOOD_INCIDENT, GOOD_TRADEOFF } from './fixtures/answers.ts';
import { GUIDE_SAMPLES } from './fixtures/guide-samples.ts';
import { covers, locate } from './fixtures/locate.ts';
import { timedTranscript } from './fixtures/timed.ts';
import { analyzeAnswer } from './index.ts';
import { splitWords } from '../transcript/words.ts';
import type { AnswerReport, Finding, FindingCode } from './types.ts';

function question(id: string): Question {
  const found = findQuestion(id);
  if (!found) throw new Error(`No question "${id}" in the bank.`);
  return found;
}

const analyze = (text: string, questionId: string): AnswerReport =>
  analyzeAnswer({ text, words: [] }, question(questionId));
const codes = (report: AnswerReport): FindingCode[] =>
  report.findings.map((finding) => finding.code);

const GOOD: { name: string; questionId: string; text: string }[] = [
  ...GUIDE_SAMPLES.map((sample) => ({
    name: `guide sample ${sample.questionId}`,
    questionId: sample.questionId,
    text: sample.answer,
  })),
  { name: 'good incident answer', questionId: 'pipeline-broke', text: GOOD_INCIDENT },
  { name: 'good trade-off answer', questionId: 'realtime-vs-batch', text: GOOD_TRADEOFF },
];

describe('every finding code has a flawed answer that triggers it', () => {
  it('covers all codes of the default rubric', () => {
    expect(Object.keys(FLAWED).sort()).toEqual(
      DATA_ENGINEER_RUBRIC.findings
        .map((rule) => rule.code)
        .filter((code) => !code.startsWith('delivery.pace'))
        .sort(),
    );
  });

  for (const [code, fixture] of Object.entries(FLAWED)) {
    it(`${code} fires with evidence on "${fixture.offending}"`, () => {
      const report = analyze(fixture.text, fixture.questionId);
      const finding = report.findings.find((item) => item.code === code);
      expect(finding, `${code} should fire; got ${codes(report).join(', ')}`).toBeDefined();
      expect(finding?.message.length).toBeGreaterThan(20);
      expect(finding?.message).not.toContain('{detail}');
      expect(covers(finding?.evidence ?? [], locate(report.words, fixture.offending))).toBe(true);
    });
  }
});

describe('good answers', () => {
  for (const good of GOOD) {
    it(`${good.name} raises no finding beyond a short-length or STAR-share note`, () => {
      const report = analyze(good.text, good.questionId);
      // A STAR share within 5 points of the rubric's 30 % line is a note (info), not a flaw.
      const unexpected = report.findings.filter(
        (finding) =>
          !(finding.code === 'length.short' && finding.severity !== 'problem') &&
          !(finding.code.startsWith('star.') && finding.severity === 'info'),
      );
      expect(unexpected.map((finding) => `${finding.code}: ${finding.message}`)).toEqual([]);
    });
  }

  it('a complete answer inside the 250–320 word window raises nothing at all', () => {
    const report = analyze(GOOD_INCIDENT, 'pipeline-broke');
    expect(report.timing.wordCount).toBeGreaterThanOrEqual(250);
    expect(report.timing.wordCount).toBeLessThanOrEqual(320);
    expect(report.findings).toEqual([]);
  });
});

describe('findings follow the question kind', () => {
  it('pitfall.no-on-call and pitfall.no-post-incident-change only apply to incident questions', () => {
    const noOnCall = FLAWED['pitfall.no-on-call']?.text ?? '';
    const noChange = FLAWED['pitfall.no-post-incident-change']?.text ?? '';
    expect(codes(analyze(noOnCall, 'missed-sla'))).toContain('pitfall.no-on-call');
    expect(codes(analyze(noOnCall, 'dbt-migration'))).not.toContain('pitfall.no-on-call');
    expect(codes(analyze(noChange, 'pipeline-broke'))).toContain('pitfall.no-post-incident-change');
    expect(codes(analyze(noChange, 'tight-deadline'))).not.toContain(
      'pitfall.no-post-incident-change',
    );
  });

  it('tradeoff.no-numbers only applies to cost and trade-off questions', () => {
    const text = FLAWED['tradeoff.no-numbers']?.text ?? '';
    expect(codes(analyze(text, 'realtime-vs-batch'))).toContain('tradeoff.no-numbers');
    expect(codes(analyze(text, 'velocity-over-cleanliness'))).toContain('tradeoff.no-numbers');
    expect(codes(analyze(text, 'pushed-back'))).not.toContain('tradeoff.no-numbers');
  });
});

describe('ownership', () => {
  it('vague-we speaks in the guide terms and counts statements', () => {
    const report = analyze(FLAWED['pitfall.vague-we']?.text ?? '', 'pipeline-broke');
    const finding = report.findings.find((item) => item.code === 'pitfall.vague-we');
    expect(finding?.message).toMatch(
      /^Say what you personally did: \d+ of \d+ statements in the action part say "we"/u,
    );
    expect(finding?.severity).toBe('problem');
  });

  it('an ownership statement attributes the team\'s "we" (guide sample 3)', () => {
    const sample = GUIDE_SAMPLES.find((item) => item.questionId === 'dbt-migration');
    const report = analyze(sample?.answer ?? '', 'dbt-migration');
    expect(codes(report)).not.toContain('pitfall.vague-we');
    // Without "I led", the same story is all "we".
    const withoutLead = (sample?.answer ?? '').replace(
      'I led the migration to dbt on Snowflake over a quarter with two other engineers.',
      'We migrated to dbt on Snowflake over a quarter.',
    );
    expect(codes(analyze(withoutLead, 'dbt-migration'))).toContain('pitfall.vague-we');
  });

  it('saying it was their fault stays blame even with a response, as a warning', () => {
    // The fixture says "It was not our fault": a later response softens it, it does not undo it.
    const text = FLAWED['pitfall.blames-upstream']?.text ?? '';
    const withResponse = `${text} Afterwards I agreed a schema contract with the source team and added a contract test that fails the run.`;
    const finding = analyze(withResponse, 'pipeline-broke').findings.find(
      (item) => item.code === 'pitfall.blames-upstream',
    );
    expect(finding?.severity).toBe('warning');
    expect(
      codes(analyze(text.replace('It was not our fault, so I', 'I'), 'pipeline-broke')),
    ).toContain('pitfall.blames-upstream');
  });

  it('does not take a mentoring story for blame: "they found" is not a breaking change', () => {
    const text =
      'I mentored two interns on our ingestion service. I reviewed their pull requests every day. I fixed issues they found and released updates every Friday. By the end of the summer both shipped features on their own.';
    expect(codes(analyze(text, 'mentored'))).not.toContain('pitfall.blames-upstream');
  });

  it('blames-upstream needs an upstream party that changed something, then no response', () => {
    const story =
      'Our nightly orders load failed at 3am and I was paged. A vendor had changed the CSV format and added a column in the middle.';
    const blamed = analyze(
      `${story} I reran the load by hand and finance got their numbers by nine.`,
      'pipeline-broke',
    );
    const finding = blamed.findings.find((item) => item.code === 'pitfall.blames-upstream');
    expect(
      covers(finding?.evidence ?? [], locate(blamed.words, 'A vendor had changed the CSV format')),
    ).toBe(true);
    const answered = analyze(
      `${story} I patched the parser to read columns by header and added a schema check that fails loudly when the header changes.`,
      'pipeline-broke',
    );
    expect(codes(answered)).not.toContain('pitfall.blames-upstream');
    // Naming the vendor without blaming it is fine.
    const neutral = analyze(
      `${GOOD_INCIDENT} I also posted the runbook in the vendor channel.`,
      'pipeline-broke',
    );
    expect(codes(neutral)).not.toContain('pitfall.blames-upstream');
  });

  it('an on-call moment can be a page, an escalation or a night-time incident', () => {
    const base = FLAWED['pitfall.no-on-call']?.text ?? '';
    for (const moment of [
      'I was paged.',
      'The CFO escalated it to me.',
      'It broke at 2am on a Saturday.',
      'I owned the response.',
    ]) {
      expect(codes(analyze(`${moment} ${base}`, 'missed-sla')), moment).not.toContain(
        'pitfall.no-on-call',
      );
    }
    expect(codes(analyze(`They told us at the 9 AM standup. ${base}`, 'missed-sla'))).toContain(
      'pitfall.no-on-call',
    );
    // Paraphrases of taking the incident count; a weekend or an outage nobody lived through does not.
    expect(
      codes(analyze(`I took incident command when the alerts started. ${base}`, 'missed-sla')),
    ).not.toContain('pitfall.no-on-call');
    expect(
      codes(analyze(`Nothing ships on Saturday, so weekends showed zero. ${base}`, 'missed-sla')),
    ).toContain('pitfall.no-on-call');
    expect(
      codes(analyze(`The canary avoids a system-wide outage. ${base}`, 'missed-sla')),
    ).toContain('pitfall.no-on-call');
  });
});

describe('results', () => {
  it('a metric is an outcome quantity, not a time of day or a head count', () => {
    const base = FLAWED['result.no-metric']?.text ?? '';
    const ending = 'In the end the dashboard was right again and marketing trusted the data.';
    for (const notMetric of [
      'In the end the dashboard was right again by the 9 AM standup.',
      'In the end three people on the marketing team trusted the data again.',
    ]) {
      expect(
        codes(analyze(base.replace(ending, notMetric), 'bad-data-downstream')),
        notMetric,
      ).toContain('result.no-metric');
    }
    for (const metric of [
      'In the end signups on the dashboard were back within 2% of the source.',
      'In the end the fix saved marketing about $4K a month in wasted ad spend.',
    ]) {
      expect(
        codes(analyze(base.replace(ending, metric), 'bad-data-downstream')),
        metric,
      ).not.toContain('result.no-metric');
    }
  });

  it('a post-incident change counts when the speaker made it, in any wording', () => {
    const base = FLAWED['pitfall.no-post-incident-change']?.text ?? '';
    const changed = `${base} Afterwards I championed adding connection pool monitoring and automatic rollback triggers.`;
    expect(codes(analyze(changed, 'pipeline-broke'))).not.toContain(
      'pitfall.no-post-incident-change',
    );
    // Someone else's tests from before the incident are not the speaker's change.
    const theirs = `${base} The stakeholders had added tests to the pipeline years before.`;
    const finding = analyze(theirs, 'pipeline-broke').findings.find(
      (item) => item.code === 'pitfall.no-post-incident-change',
    );
    expect(finding).toBeDefined();
    expect(finding?.detail).not.toMatch(/^no /u);
  });
  it('a result with "has not recurred" and a time span counts as quantified', () => {
    const text = (FLAWED['result.no-metric']?.text ?? '').replace(
      'In the end the dashboard was right again and marketing trusted the data.',
      'The same fan-out has not recurred in nine months since.',
    );
    expect(codes(analyze(text, 'bad-data-downstream'))).not.toContain('result.no-metric');
  });

  it('no-metric is only info when the result names a change in how the team operates', () => {
    const text = (FLAWED['result.no-metric']?.text ?? '').replace(
      'In the end the dashboard was right again and marketing trusted the data.',
      'In the end the team now runs the same uniqueness check as a standard step for every new model.',
    );
    const finding = analyze(text, 'bad-data-downstream').findings.find(
      (item) => item.code === 'result.no-metric',
    );
    expect(finding?.severity).toBe('info');
  });
});

describe('length', () => {
  it('stays silent inside the target window and grades by distance', () => {
    expect(codes(analyze(GOOD_INCIDENT, 'pipeline-broke'))).not.toContain('length.short');
    const short = analyze(FLAWED['length.short']?.text ?? '', 'pipeline-broke').findings.find(
      (item) => item.code === 'length.short',
    );
    expect(short?.severity).toBe('problem');
    const sample3 = analyze(GUIDE_SAMPLES[2]?.answer ?? '', 'dbt-migration').findings.find(
      (item) => item.code === 'length.short',
    );
    expect(sample3?.severity).toBe('warning');
  });

  it('length.long evidence starts after the target word count', () => {
    const report = analyze(FLAWED['length.long']?.text ?? '', 'pipeline-broke');
    const finding = report.findings.find((item) => item.code === 'length.long');
    const startWord = finding?.evidence[0]?.startWord ?? 0;
    expect(startWord).toBeGreaterThanOrEqual(320);
    expect(finding?.evidence[0]?.endWord).toBe(report.words.length);
  });

  it('a timed answer that is too short in time fires even with enough words', () => {
    const transcript = timedTranscript(GOOD_INCIDENT, { wordsPerMinute: 260 });
    const finding = analyzeAnswer(transcript, question('pipeline-broke')).findings.find(
      (item) => item.code === 'length.short',
    );
    expect(finding?.message).toMatch(/270 words in 1:0\d/u);
  });
});

describe('pace (timed answers only)', () => {
  const sentenceStart = (report: AnswerReport, phrase: string) => locate(report.words, phrase);
  /** The evidence covers the later part of the answer, where the pace changed, not the opening. */
  const expectEvidenceOnTheLaterPart = (report: AnswerReport, finding: Finding | undefined) => {
    const evidence = finding?.evidence ?? [];
    expect(
      covers(evidence, sentenceStart(report, 'Finance had correct numbers ninety minutes')),
    ).toBe(true);
    expect(covers(evidence, sentenceStart(report, 'Our nightly orders pipeline'))).toBe(false);
  };

  it('fires pace-fast with evidence on the fast windows', () => {
    // First ~80 words at a comfortable 160 wpm, then 260 wpm to the end.
    const report = analyzeAnswer(
      timedTranscript(GOOD_INCIDENT, { wordsPerMinute: 160, rateFrom: { 80: 260 } }),
      question('pipeline-broke'),
    );
    const finding = report.findings.find((item) => item.code === 'delivery.pace-fast');
    expect(finding, codes(report).join(', ')).toBeDefined();
    expectEvidenceOnTheLaterPart(report, finding);
    expect(finding?.evidence[0]?.start).toBeTypeOf('number');
  });

  it('fires pace-slow with evidence on the slow windows', () => {
    const pausesAfter = Object.fromEntries(
      Array.from({ length: 40 }, (_, index) => [150 + index * 3, 1.5]),
    );
    const report = analyzeAnswer(
      timedTranscript(GOOD_INCIDENT, { wordsPerMinute: 140, rateFrom: { 150: 70 }, pausesAfter }),
      question('pipeline-broke'),
    );
    const finding = report.findings.find((item) => item.code === 'delivery.pace-slow');
    expect(
      finding,
      `${report.timing.wordsPerMinute} wpm: ${codes(report).join(', ')}`,
    ).toBeDefined();
    expectEvidenceOnTheLaterPart(report, finding);
    expect(report.timing.pauses.length).toBeGreaterThanOrEqual(40);
  });

  it('notes a sustained fast stretch even when the overall pace is fine', () => {
    const rushed = splitWords(GOOD_INCIDENT).indexOf('First');
    const report = analyzeAnswer(
      timedTranscript(GOOD_INCIDENT, {
        wordsPerMinute: 120,
        rateFrom: { [rushed]: 260, [rushed + 150]: 120 },
      }),
      question('pipeline-broke'),
    );
    expect(report.timing.wordsPerMinute).toBeLessThan(185);
    const finding = report.findings.find((item) => item.code === 'delivery.pace-fast');
    expect(finding?.severity).toBe('info');
    expect(finding?.message).toMatch(/but you speed up to \d+ from \d:\d\d–\d:\d\d/u);
    expect(covers(finding?.evidence ?? [], sentenceStart(report, 'Then I traced the stall'))).toBe(
      true,
    );
    expect(
      covers(finding?.evidence ?? [], sentenceStart(report, 'Our nightly orders pipeline')),
    ).toBe(false);
  });

  it('stays silent at a comfortable pace', () => {
    const report = analyzeAnswer(
      timedTranscript(GOOD_INCIDENT, { wordsPerMinute: 150 }),
      question('pipeline-broke'),
    );
    expect(report.findings).toEqual([]);
  });

  it('is never judged on estimated times', () => {
    const report = analyzeAnswer({ text: GOOD_INCIDENT, words: [] }, question('pipeline-broke'), {
      estimatedWordsPerMinute: 260,
    });
    expect(codes(report).filter((code) => code.startsWith('delivery.pace'))).toEqual([]);
    expect(
      report.score.dimensions.find((dimension) => dimension.id === 'delivery')?.reasons.join(' '),
    ).toMatch(/estimated at 260 words per minute/u);
  });
});

describe('fillers finding', () => {
  it('marks filler words in the report and cites each', () => {
    const report = analyze(FLAWED['delivery.fillers']?.text ?? '', 'pipeline-broke');
    const marked = report.words.filter((word) => word.filler).map((word) => word.text);
    expect(marked).toEqual(['So,', 'um,', 'basically', 'like,', 'you', 'know,', 'uh', 'um,']);
    const finding = report.findings.find((item) => item.code === 'delivery.fillers');
    expect(finding?.evidence).toHaveLength(7);
    expect(finding?.message).toMatch(/7 fillers/u);
  });

  it('does not fire for one or two fillers', () => {
    const text = GOOD_INCIDENT.replace('First I checked', 'Um, first I checked').replace(
      'Then I traced',
      'So, then I traced',
    );
    expect(codes(analyze(text, 'pipeline-broke'))).not.toContain('delivery.fillers');
  });
});
