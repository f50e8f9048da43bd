// Running from TypeScript source (tsx, vitest): teach this worker thread TypeScript, then load the worker.
import { register } from 'tsx/esm/api';
register();
await import(new URL('./worker.ts', import.meta.url).href);
