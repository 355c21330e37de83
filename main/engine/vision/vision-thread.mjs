// The vision thread's entry: the engine is TypeScript run through tsx (bin/ocr-desk.js), and a
// worker thread starts without the parent's loader, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./vision-tasks.ts');
