import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AnswerReport } from '../../../../shared/analysis/types.ts';
import { createAppStore, StoreProvider } from '../../store/index.ts';
import { createFakeApi } from '../../testing/fake-api.ts';
import { createFakeAudioInput } from '../../testing/fake-audio-input.ts';
import { sampleReport } from '../../testing/sample-report.ts';
import { markWords } from './transcript-marks.ts';
import { Transcript, UnclearNote } from './Transcript.tsx';

function render(node: ReactNode): string {
  const store = createAppStore({
    api: createFakeApi(),
    audioInput: createFakeAudioInput(),
    now: () => 0,
  });
  return renderToStaticMarkup(<StoreProvider store={store}>{node}</StoreProvider>);
}

/** The sample's 12 words (0.5 s apart), with unclear audio after "broke." and after the last word. */
function unclearReport(): AnswerReport {
  return {
    ...sampleReport(),
    unclear: [
      { start: 1.9, end: 4.6 },
      { start: 7, end: 12.4 },
    ],
  };
}

/** The transcript as text, the way it reads (tags dropped, screen-reader-only text kept). */
const readAs = (html: string): string =>
  html
    .replace(/<[^>]+>/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();

describe('the transcript shows audio too unclear to transcribe', () => {
  it('puts a marker for each span where it falls between the words, in time order', () => {
    const html = render(<Transcript report={unclearReport()} />);
    const text = readAs(html);
    const first = text.indexOf('[unclear 0:02–0:05]');
    const second = text.indexOf('[unclear 0:07–0:12]');
    expect(first).toBeGreaterThan(text.indexOf('broke.'));
    expect(first).toBeLessThan(text.indexOf(' I '));
    expect(second).toBeGreaterThan(text.indexOf('fixed it.'));
    expect(text.match(/\[unclear /gu)).toHaveLength(2);
  });

  it('makes each marker a button that says what it is in words', () => {
    const html = render(<Transcript report={unclearReport()} />);
    const buttons = html.match(/<button[^>]*class="unclear-chip"[^>]*>.*?<\/button>/gu) ?? [];
    expect(buttons).toHaveLength(2);
    expect(buttons[0]).toContain('type="button"');
    expect(buttons[0]).toContain('data-unclear-start="1.9"');
    expect(readAs(buttons[0]!)).toBe(
      '[unclear 0:02–0:05] Audio too unclear to transcribe from 0:02 to 0:05. Play it',
    );
    // The bracketed times are for the eye; screen readers get the sentence.
    expect(buttons[0]).toMatch(/<span aria-hidden="true">\[unclear 0:02–0:05\]<\/span>/u);
    expect(buttons[0]).toMatch(/<span class="visually-hidden">Audio too unclear/u);
  });

  it('marks the words heard inside unclear audio as possibly wrong', () => {
    const marks = markWords(unclearReport());
    // Words 4–8 (2.0–4.4 s) lie inside the first span.
    expect(marks.map((mark) => mark.unclear)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const html = render(<Transcript report={unclearReport()} />);
    expect(html.match(/class="word[^"]*word--unclear/gu)).toHaveLength(5);
  });

  it('shows no marker when all the audio was transcribed', () => {
    const html = render(<Transcript report={sampleReport()} />);
    expect(html).not.toContain('unclear');
  });
});

describe('the note above the transcript', () => {
  it('says how much audio could not be transcribed and that the score may miss it', () => {
    const text = readAs(render(<UnclearNote report={unclearReport()} />));
    expect(text).toBe(
      '? 8 s of audio in 2 places was too unclear to transcribe, so the score may miss what you said there. Each part is marked unclear in the transcript: select it to listen.',
    );
  });

  it('is not there when all the audio was transcribed', () => {
    expect(render(<UnclearNote report={sampleReport()} />)).toBe('');
  });
});
