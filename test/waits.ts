/**
 * Time limits for tests that load and run a real Whisper model (unit and e2e alike), sized for a
 * busy machine: two cores shared with other jobs (CI=true, other test files, a CPU hog). A limit
 * only stops a test that hangs; no test passes or fails by how fast the machine is.
 */

/** One wait for real model work: loading a model, or transcribing and analysing one short clip. */
export const MODEL_WAIT_MS = 5 * 60_000;

/** A whole test (or hook) that does real model work: room for two such waits and the rest. */
export const MODEL_TEST_MS = 3 * MODEL_WAIT_MS;
