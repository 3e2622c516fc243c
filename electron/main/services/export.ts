/**
 * Export and backup, Electron-free: an attempt as a report (Markdown, PDF through the app's
 * `printToPdf`, or the printable HTML page) or as its transcript (TXT/SRT/VTT/JSON) or recording
 * (WAV); every attempt as one zip archive, and that archive imported back byte for byte.
 *
 * Archive layout (zip): `rehearse-archive.json` (format, version, the attempts' rows, the stories
 * with their drafts) and every file of each attempt's folder (`attempts/<id>/attempt.json`, `recording.wav`, `transcript.json`,
 * `report.json`) exactly as stored.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { MAX_DRAFT_CHARS } from '../../../shared/ipc/schemas.ts';
import { QUESTION_KINDS } from '../../../shared/questions/bank.ts';
import { STORY_KINDS } from '../../../shared/stories/kinds.ts';
import {
  MODEL_IDS,
  type DataLocations,
  type ExportAttemptRequest,
  type ExportedFile,
  type ImportArchiveResponse,
  type ProgressRequest,
  type ProgressPoint,
  type StopReason,
} from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import {
  exportFileStem,
  isAnalysed,
  reportHtml,
  reportMarkdown,
  transcriptSrt,
  transcriptText,
  transcriptVtt,
  type AnalysedAttempt,
} from '../../../shared/report/export.ts';
import { attemptNumbers, progressPoint } from '../../../shared/report/progress.ts';
import type { AttemptStore, StoredAttempt } from './attempt-store.ts';
import type { AttemptService } from './attempts.ts';
import type { StoryStore } from './story-store.ts';

export const ARCHIVE_MANIFEST = 'rehearse-archive.json';
export const ARCHIVE_FORMAT = 'rehearse-archive';
export const ARCHIVE_VERSION = 1;
/** The names an attempt folder's files have (anything else, e.g. a half-written .tmp, stays out). */
export const ATTEMPT_FILE_NAME = /^[a-z][a-z0-9-]*\.(?:wav|json)$/u;

const storedAttempt = z.strictObject({
  id: z.uuid(),
  question: z.strictObject({
    id: z.string().min(1).max(200),
    prompt: z.string().min(1).max(2_000),
    kind: z.enum(QUESTION_KINDS),
    custom: z.boolean(),
  }),
  createdAt: z.string().min(1),
  durationSec: z.number().min(0),
  status: z.enum(['recording', 'interrupted', 'processing', 'ready', 'failed']),
  model: z.enum(MODEL_IDS).nullable(),
  score: z.number().nullable(),
  wordCount: z.number().int().nullable(),
  error: z.string().nullable(),
  sampleRate: z.number().int().positive(),
  stopReason: z
    .enum(['user', 'device-lost', 'error', 'limit', 'crash'] satisfies StopReason[])
    .nullable(),
  storyId: z.uuid().nullable().optional(),
  /** What the capture lost, and the analysis stage reached (absent in older archives). */
  capture: z
    .strictObject({
      clockSec: z.number().min(0),
      receivedSec: z.number().min(0),
      lostSec: z.number().min(0),
      gaps: z.array(z.strictObject({ atSec: z.number().min(0), lostSec: z.number().min(0) })),
    })
    .nullable()
    .optional(),
  progress: z
    .strictObject({
      stage: z.enum(['saving', 'transcribing', 'analyzing', 'ready', 'failed']),
      fraction: z.number().min(0).max(1).optional(),
      message: z.string().optional(),
    })
    .nullable()
    .optional(),
});

const storedStory = z.strictObject({
  id: z.uuid(),
  title: z.string().min(1).max(200),
  kinds: z.array(z.enum(STORY_KINDS)),
  draft: z.string().max(MAX_DRAFT_CHARS),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1),
});

const manifestSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: z.string(),
  attempts: z.array(storedAttempt),
  /** Absent in archives written before stories existed. */
  stories: z.array(storedStory).optional(),
});

export interface ExportServiceOptions {
  store: AttemptStore;
  stories: StoryStore;
  attempts: AttemptService;
  /** Renders a printable HTML page as PDF (the app: Electron's printToPDF). Absent on the loopback. */
  printToPdf?: (html: string) => Promise<Uint8Array>;
  /** Where the models are looked for (computed by the host, which knows its folders). */
  locateModels: () => Promise<Omit<DataLocations, 'dataDir'>>;
}

const MIME: Record<ExportAttemptRequest['format'], { ext: string; mime: string }> = {
  markdown: { ext: 'md', mime: 'text/markdown; charset=utf-8' },
  pdf: { ext: 'pdf', mime: 'application/pdf' },
  txt: { ext: 'txt', mime: 'text/plain; charset=utf-8' },
  srt: { ext: 'srt', mime: 'application/x-subrip; charset=utf-8' },
  vtt: { ext: 'vtt', mime: 'text/vtt; charset=utf-8' },
  json: { ext: 'json', mime: 'application/json; charset=utf-8' },
  wav: { ext: 'wav', mime: 'audio/wav' },
};

export class ExportService {
  constructor(private readonly options: ExportServiceOptions) {}

  /** Figures of every analysed attempt, oldest first, numbered per question. */
  getProgress(request: ProgressRequest): ProgressPoint[] {
    // A story's attempts span questions: number them among all attempts at their questions.
    const all = this.options.store.list(
      request.questionId === undefined ? {} : { questionId: request.questionId },
    );
    const numbers = attemptNumbers(all);
    const points: ProgressPoint[] = [];
    for (const attempt of all) {
      if (attempt.status !== 'ready') continue;
      if (request.storyId !== undefined && attempt.storyId !== request.storyId) continue;
      const report = this.options.store.readReport(attempt.id);
      if (report) points.push(progressPoint(attempt, report, numbers.get(attempt.id) ?? 1));
    }
    return points.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** The analysed attempt, or a clear refusal. */
  private analysed(attemptId: string): AnalysedAttempt {
    const detail = this.options.attempts.getAttempt({ attemptId });
    if (!isAnalysed(detail))
      throw new ApiError(
        'conflict',
        'This attempt has no analysis yet: only its recording (WAV) can be exported.',
      );
    return detail;
  }

  /** The printable report page (the PDF's source; served by the loopback for the browser). */
  printableHtml(attemptId: string): string {
    return reportHtml(this.analysed(attemptId));
  }

  async exportAttempt(request: ExportAttemptRequest): Promise<ExportedFile> {
    const { format, attemptId } = request;
    const kind = MIME[format];
    const file = (stem: string, data: Uint8Array): ExportedFile => ({
      fileName: `${stem}.${kind.ext}`,
      mimeType: kind.mime,
      data,
    });
    if (format === 'wav') {
      const detail = this.options.attempts.getAttempt({ attemptId });
      const path = this.options.attempts.recordingFile(attemptId);
      return file(exportFileStem(detail), new Uint8Array(readFileSync(path)));
    }
    const detail = this.analysed(attemptId);
    const stem = exportFileStem(detail);
    const words = detail.report.words;
    const unclear = detail.report.unclear ?? [];
    switch (format) {
      case 'markdown':
        return file(stem, strToU8(reportMarkdown(detail)));
      case 'pdf': {
        if (!this.options.printToPdf)
          throw new ApiError(
            'unsupported',
            'PDF export needs the Rehearse app. In a browser, open the printable report and print it to PDF.',
          );
        return file(stem, await this.options.printToPdf(reportHtml(detail)));
      }
      case 'txt':
        return file(`${stem}-transcript`, strToU8(transcriptText(words, unclear)));
      case 'srt':
        return file(`${stem}-transcript`, strToU8(transcriptSrt(words, unclear)));
      case 'vtt':
        return file(`${stem}-transcript`, strToU8(transcriptVtt(words, unclear)));
      case 'json':
        return file(
          `${stem}-transcript`,
          strToU8(
            JSON.stringify(
              {
                question: detail.question,
                createdAt: detail.createdAt,
                model: detail.model,
                transcript: detail.transcript,
                report: detail.report,
              },
              null,
              2,
            ),
          ),
        );
    }
  }

  /** Every attempt that is not still recording or being analysed, as one zip. */
  exportArchive(now: Date = new Date()): ExportedFile {
    const attempts = this.options.store
      .list()
      .filter((a) => a.status !== 'recording' && a.status !== 'processing')
      .reverse();
    const files: Zippable = {};
    for (const attempt of attempts) {
      const dir = this.options.store.attemptDir(attempt.id);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)
        .filter((n) => ATTEMPT_FILE_NAME.test(n))
        .sort())
        files[`attempts/${attempt.id}/${name}`] = [readFileSync(join(dir, name)), { level: 0 }];
    }
    const manifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      exportedAt: now.toISOString(),
      attempts: attempts.map(storedRow),
      stories: this.options.stories.list(),
    };
    files[ARCHIVE_MANIFEST] = strToU8(JSON.stringify(manifest, null, 2));
    return {
      fileName: `rehearse-backup-${now.toISOString().slice(0, 10)}.zip`,
      mimeType: 'application/zip',
      data: zipSync(files),
    };
  }

  /** Adds the archive's attempts; ones already here (same id) are left as they are. */
  importArchive(data: Uint8Array): ImportArchiveResponse {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(data);
    } catch (error) {
      throw new ApiError(
        'bad-request',
        `This file is not a Rehearse archive (not a readable zip: ${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    const manifestBytes = entries[ARCHIVE_MANIFEST];
    if (!manifestBytes)
      throw new ApiError(
        'bad-request',
        `This zip is not a Rehearse archive: it has no ${ARCHIVE_MANIFEST}.`,
      );
    let parsed: z.infer<typeof manifestSchema>;
    try {
      parsed = manifestSchema.parse(JSON.parse(strFromU8(manifestBytes)));
    } catch (error) {
      throw new ApiError(
        'bad-request',
        `The archive's ${ARCHIVE_MANIFEST} is not one this version reads: ${error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : error instanceof Error ? error.message : String(error)}`,
      );
    }
    // Stories first, so the attempts that told them keep the link; ones already here stay as they are.
    for (const story of parsed.stories ?? []) this.options.stories.restore(story);
    let imported = 0;
    let skipped = 0;
    for (const row of parsed.attempts) {
      if (this.options.store.get(row.id)) {
        skipped++;
        continue;
      }
      const recording = entries[`attempts/${row.id}/recording.wav`];
      if (!recording)
        throw new ApiError('bad-request', `The archive lacks the recording of attempt ${row.id}.`);
      const { store } = this.options;
      store.insert({
        id: row.id,
        question: row.question,
        createdAt: row.createdAt,
        sampleRate: row.sampleRate,
        ...(row.storyId && this.options.stories.get(row.storyId) ? { storyId: row.storyId } : {}),
      });
      try {
        const dir = store.attemptDir(row.id);
        mkdirSync(dir, { recursive: true });
        const prefix = `attempts/${row.id}/`;
        for (const [path, bytes] of Object.entries(entries)) {
          const name = path.slice(prefix.length);
          if (path.startsWith(prefix) && ATTEMPT_FILE_NAME.test(name))
            writeFileSync(join(dir, name), bytes);
        }
        // An attempt cut short mid-analysis is stored as interrupted, to be analysed again.
        const status =
          row.status === 'recording' || row.status === 'processing' ? 'interrupted' : row.status;
        store.update(row.id, {
          status,
          durationSec: row.durationSec,
          model: row.model,
          score: row.score,
          wordCount: row.wordCount,
          error: row.error,
          stopReason: row.stopReason,
          capture: row.capture ?? null,
          progress: row.progress ?? null,
        });
      } catch (error) {
        store.delete(row.id);
        rmSync(store.attemptDir(row.id), { recursive: true, force: true });
        throw error;
      }
      imported++;
    }
    return { imported, skipped };
  }

  /** Deletes every attempt that is not being recorded or analysed. */
  deleteAll(): { deleted: number } {
    let deleted = 0;
    for (const attempt of this.options.store.list()) {
      if (attempt.status === 'recording' || attempt.status === 'processing') continue;
      this.options.attempts.deleteAttempt({ attemptId: attempt.id });
      deleted++;
    }
    return { deleted };
  }

  async dataLocations(): Promise<DataLocations> {
    return { dataDir: this.options.store.dataDir, ...(await this.options.locateModels()) };
  }
}

function storedRow(attempt: StoredAttempt): z.infer<typeof storedAttempt> {
  return {
    id: attempt.id,
    question: attempt.question,
    createdAt: attempt.createdAt,
    durationSec: attempt.durationSec,
    status: attempt.status,
    model: attempt.model,
    score: attempt.score,
    wordCount: attempt.wordCount,
    error: attempt.error,
    sampleRate: attempt.sampleRate,
    stopReason: attempt.stopReason,
    storyId: attempt.storyId ?? null,
    capture: attempt.capture,
    progress: attempt.progress ?? null,
  };
}
