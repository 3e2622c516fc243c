import { afterEach, beforeEach } from 'vitest';
import type { AttemptProgress, EngineStatus, QuestionRef } from '../../../shared/ipc/contract.ts';
import {
  createRehearseServices,
  type RehearseServices,
  type RehearseServicesOptions,
} from '../../../electron/main/services/index.ts';
import type { AnalyzeAnswer } from '../../../electron/main/services/attempts.ts';
import { FakeEngine } from '../../mocks/fake-engine.ts';
import { fakeAnalyze } from '../../mocks/fake-analysis.ts';
import { makeDataDir, type DataDir } from './data-dir.ts';

export const PIPELINE_QUESTION: QuestionRef = {
  id: 'pipeline-broke',
  prompt: 'Tell me about a pipeline that broke in production. What did you do?',
  kind: 'incident',
  custom: false,
};

export interface ServicesUnderTest {
  services: RehearseServices;
  engine: FakeEngine;
  progress: AttemptProgress[];
  engineStatuses: EngineStatus[];
}

export type StartOptions = {
  engine?: FakeEngine;
  loadModelOnStart?: boolean;
  analyze?: AnalyzeAnswer;
} & Pick<RehearseServicesOptions, 'maxRecordingSec' | 'now'>;

export function startServices(
  dataDir: string,
  {
    engine = new FakeEngine(),
    loadModelOnStart = false,
    analyze = fakeAnalyze,
    ...rest
  }: StartOptions = {},
): ServicesUnderTest {
  const services = createRehearseServices({ dataDir, engine, analyze, loadModelOnStart, ...rest });
  const progress: AttemptProgress[] = [];
  const engineStatuses: EngineStatus[] = [];
  services.events.subscribe((event, payload) => {
    if (event === 'attemptProgress') progress.push(payload as AttemptProgress);
    else engineStatuses.push(payload as EngineStatus);
  });
  return { services, engine, progress, engineStatuses };
}

/**
 * Fresh services on a fresh data folder for each test of the file, closed and removed after it:
 * `started` receives them before the test runs (assign them to the file's variables).
 */
export function servicesForEachTest(
  started: (current: { data: DataDir; t: ServicesUnderTest }) => void,
  options: StartOptions = {},
): void {
  let current: { data: DataDir; t: ServicesUnderTest } | undefined;
  beforeEach(() => {
    const data = makeDataDir();
    current = { data, t: startServices(data.dir, options) };
    started(current);
  });
  afterEach(async () => {
    await current?.t.services.close();
    current?.data.remove();
  });
}
