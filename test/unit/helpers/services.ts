import type { AttemptProgress, EngineStatus, QuestionRef } from '../../../shared/ipc/contract.ts';
import {
  createRehearseServices,
  type RehearseServices,
  type RehearseServicesOptions,
} from '../../../electron/main/services/index.ts';
import type { AnalyzeAnswer } from '../../../electron/main/services/attempts.ts';
import { FakeEngine } from '../../mocks/fake-engine.ts';
import { fakeAnalyze } from '../../mocks/fake-analysis.ts';

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

export function startServices(
  dataDir: string,
  {
    engine = new FakeEngine(),
    loadModelOnStart = false,
    analyze = fakeAnalyze,
    ...rest
  }: { engine?: FakeEngine; loadModelOnStart?: boolean; analyze?: AnalyzeAnswer } & Pick<
    RehearseServicesOptions,
    'maxRecordingSec' | 'now'
  > = {},
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
