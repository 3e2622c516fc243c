/**
 * zod schemas for every request of the IPC contract. Both transports (Electron IPC and the
 * loopback adapter) validate with these before a request reaches a service, so a service only
 * ever sees well-formed input. The `satisfies` clause ties each schema to the contract type.
 */
import { z } from 'zod';
import { QUESTION_KINDS } from '../questions/bank.ts';
import { STORY_KINDS } from '../stories/kinds.ts';
import {
  MAX_APPEND_SAMPLES,
  MAX_ERROR_REPORT_CHARS,
  MAX_SAMPLE_RATE,
  MIN_SAMPLE_RATE,
  EXPORT_FORMATS,
  MODEL_IDS,
  type IpcMethod,
  type IpcRequest,
} from './contract.ts';
import { ApiError } from './errors.ts';

export { MAX_APPEND_SAMPLES, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE };

/** Attempt ids are UUIDs; they name folders on disk, so nothing else gets through. */
const attemptId = z.uuid({ message: 'attemptId must be an attempt id (a UUID).' });

const questionRef = z.strictObject({
  id: z.string().trim().min(1, 'question.id is empty.').max(200),
  prompt: z.string().trim().min(1, 'question.prompt is empty.').max(2_000),
  kind: z.enum(QUESTION_KINDS),
  custom: z.boolean(),
});

const empty = z.strictObject({});

/** Story ids are UUIDs too. */
const storyId = z.uuid({ message: 'storyId must be a story id (a UUID).' });
/** A draft is about 250 words; 20 000 characters leaves room for notes without unbounded input. */
export const MAX_DRAFT_CHARS = 20_000;

const saveStory = z.strictObject({
  id: z.uuid({ message: 'id must be a story id (a UUID).' }).optional(),
  title: z
    .string()
    .trim()
    .min(1, 'The story needs a title.')
    .max(200, 'The title is over 200 characters.'),
  kinds: z
    .array(z.enum(STORY_KINDS))
    .max(STORY_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, 'kinds lists a kind twice.'),
  draft: z.string().max(MAX_DRAFT_CHARS, `The draft is over ${MAX_DRAFT_CHARS} characters.`),
});

const settingsPatch = z
  .strictObject({
    model: z.enum(MODEL_IDS),
    modelsDir: z
      .string()
      .trim()
      .min(1, 'modelsDir is empty; use null for the bundled models.')
      .nullable(),
    microphoneId: z
      .string()
      .min(1, 'microphoneId is empty; use null for the system default.')
      .nullable(),
  })
  .partial();

const pcm = z
  .instanceof(Float32Array, { message: 'pcm must be a Float32Array.' })
  .refine((a) => a.length > 0, 'pcm is empty.')
  .refine(
    (a) => a.length <= MAX_APPEND_SAMPLES,
    `pcm has more than ${MAX_APPEND_SAMPLES} samples; send smaller chunks.`,
  );

export const REQUEST_SCHEMAS = {
  startAttempt: z.strictObject({
    question: questionRef,
    sampleRate: z
      .number()
      .int('sampleRate must be a whole number of Hz.')
      .min(MIN_SAMPLE_RATE, `sampleRate must be at least ${MIN_SAMPLE_RATE} Hz.`)
      .max(MAX_SAMPLE_RATE, `sampleRate must be at most ${MAX_SAMPLE_RATE} Hz.`),
    storyId: storyId.optional(),
  }),
  appendAudio: z.strictObject({
    attemptId,
    pcm,
    clockSec: z
      .number('clockSec must be a number of seconds.')
      .min(0, 'clockSec must not be negative.')
      .optional(),
  }),
  stopAttempt: z.strictObject({
    attemptId,
    reason: z.enum(['user', 'device-lost', 'error', 'limit']),
  }),
  analyzeAttempt: z.strictObject({ attemptId }),
  listAttempts: z.strictObject({ questionId: z.string().min(1).max(200).optional() }),
  getAttempt: z.strictObject({ attemptId }),
  getAttemptAudio: z.strictObject({ attemptId }),
  deleteAttempt: z.strictObject({ attemptId }),
  listStories: empty,
  saveStory,
  deleteStory: z.strictObject({ storyId }),
  getSettings: empty,
  setSettings: settingsPatch,
  getEngineStatus: empty,
  reloadModel: empty,
  getProgress: z.strictObject({
    questionId: z.string().min(1).max(200).optional(),
    storyId: z.string().min(1).max(200).optional(),
  }),
  exportAttempt: z.strictObject({ attemptId, format: z.enum(EXPORT_FORMATS) }),
  exportArchive: empty,
  importArchive: z.strictObject({
    data: z
      .instanceof(Uint8Array, { message: 'data must be the archive file as bytes.' })
      .refine((a) => a.length > 0, 'data is empty: choose a Rehearse archive file.'),
  }),
  deleteAllAttempts: empty,
  getDataLocations: empty,
  chooseFolder: z.strictObject({ title: z.string().min(1).max(200) }),
  reportError: z.strictObject({
    message: z.string().min(1, 'message is empty.').max(MAX_ERROR_REPORT_CHARS),
    stack: z.string().max(MAX_ERROR_REPORT_CHARS).optional(),
    where: z.string().max(200).optional(),
  }),
  openLogsFolder: empty,
} satisfies { [M in IpcMethod]: z.ZodType<IpcRequest<M>> };

/** Schema of the persisted settings file (all fields required). */
export const SETTINGS_SCHEMA = settingsPatch.required();

/**
 * Validates a request for `method`. Throws `ApiError('bad-request')` naming each bad field, e.g.
 * `Bad startAttempt request: sampleRate: sampleRate must be at least 8000 Hz.`
 */
export function parseRequest<M extends IpcMethod>(method: M, request: unknown): IpcRequest<M> {
  const schema = REQUEST_SCHEMAS[method] as z.ZodType<IpcRequest<M>>;
  // IPC may deliver `undefined` for a method without arguments.
  const result = schema.safeParse(request === undefined ? {} : request);
  if (result.success) return result.data;
  const details = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') + ': ' : ''}${issue.message}`)
    .join('; ');
  throw new ApiError('bad-request', `Bad ${method} request: ${details}`);
}
