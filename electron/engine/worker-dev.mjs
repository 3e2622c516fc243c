// Development entry for the engine worker under plain Node (CLI, tests): registers tsx so the
// TypeScript worker source can be imported without a build. The app uses the built out/main/engine.js.
//
// transformers.js is imported before tsx is registered: tsx's loader thread would otherwise read and
// transform its 1.5 MB bundle, which costs the worker ~170 MB of RSS that the built app never pays.
import '@huggingface/transformers';
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
