// Development entry for the engine worker under plain Node (CLI, tests): registers tsx so the
// TypeScript worker source can be imported without a build. The app uses the built out/main/engine.js.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
