import { createEngine } from '../../main/engine/create-engine.js';
const e = createEngine({ workers: 1 });
await e.recognize({ kind: 'path', path: 'test/fixtures/corpus/hello-google.tif' }, { language: 'eng' });
console.log(process.getActiveResourcesInfo());
await e.close();
console.log(process.getActiveResourcesInfo());
