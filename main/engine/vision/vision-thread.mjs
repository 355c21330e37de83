// The vision thread's entry. In the packaged app the engine is compiled and vision-tasks.js lies
// beside this file; from the sources (the CLI, the server, tests) it is TypeScript run through
// tsx, and a worker thread starts without the parent's loader, so it registers tsx itself.
import { existsSync } from 'node:fs';

const compiled = new URL('./vision-tasks.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./vision-tasks.ts');
}
