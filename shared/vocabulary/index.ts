export type { RoleVocabulary, SpeechHints } from './types.ts';
export { MAX_HINT_CHARS, MAX_HINT_TERMS } from './types.ts';
export { DATA_ENGINEER_VOCABULARY } from './data-engineer.ts';
export { checkSpeechHints, speechHintsFor } from './hints.ts';
