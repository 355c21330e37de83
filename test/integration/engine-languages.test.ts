import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createEngine } from '../../main/engine/create-engine.js';
import { comparesRequestWithoutSpaces } from '../bench/bench-languages.js';
import { pageResults } from '../helpers/engine-results.js';
import { corpusPath, loadCorpus, readTruth } from '../helpers/fixture-corpus.js';
import { characterErrorRate, characterErrors } from '../helpers/text-metrics.js';

const engine = createEngine({ workers: 2 });
after(() => engine.close());

// Most of these are SYNTHETIC renders (no real image with truth exists here for these languages;
// test/fixtures/corpus/SOURCES.md); the Finnish and Vietnamese words and eurotext are real.
const items = loadCorpus().filter((item) => ['language-paragraph', 'language-word', 'multi-latin'].includes(item.category));
const verticalItems = loadCorpus().filter((item) => item.category === 'vertical');

test('every language with a test image reads through its cloud code, with CER <= 5%', async () => {
  assert.ok(items.length >= 10, `${items.length} language images`);
  for (const item of items) {
    const [page] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath(item) }, { language: item.language }));
    const cer = characterErrorRate(readTruth(item), page!.text, { dropSpaces: comparesRequestWithoutSpaces(item.language) });
    assert.ok(cer <= 0.05, `${item.id} (${item.language}): CER ${(cer * 100).toFixed(1)}%: ${page!.text}`);
  }
});

test('vertical Chinese and Japanese read top to bottom, columns right to left (synthetic renders)', async () => {
  // Japanese: jpn_vert reads the first character, 縦, as 終 in this font: one error in 17.
  const renders = [
    ['synthetic-chi-tra-vertical', 0],
    ['synthetic-chi-sim-vertical', 0],
    ['synthetic-jpn-vertical', 1],
  ] as const;
  for (const [id, allowedErrors] of renders) {
    const item = verticalItems.find((candidate) => candidate.id === id)!;
    const [page] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath(item) }, { language: item.language }));
    const errors = characterErrors(readTruth(item), page!.text, { dropSpaces: true }).distance;
    assert.ok(errors <= allowedErrors, `${id}: ${errors} errors: ${page!.text}`);
    assert.equal(page!.lines.length, 3, `${id}: one line per column, no ghosts`);
    assert.equal(page!.angle, 0, `${id}: no horizontal deskew on vertical text`);
    // Each column's box is taller than wide, and the first column read is the rightmost.
    assert.ok(page!.lines.every((line) => line.box.height > line.box.width), id);
    assert.ok(page!.lines[0]!.box.x > page!.lines[2]!.box.x, id);
  }
});

test('auto picks the models from the script: Japanese, Korean, Russian and Thai (synthetic renders)', async () => {
  const expected: Record<string, string> = {
    'synthetic-jpn-paragraph.png': 'jpn',
    'synthetic-kor-paragraph.png': 'kor',
    'synthetic-rus-paragraph.png': 'rus',
    'synthetic-tha-paragraph.png': 'tha',
  };
  for (const [file, model] of Object.entries(expected)) {
    const [page] = pageResults(await engine.recognize({ kind: 'path', path: corpusPath(file) }, { language: 'auto' }));
    assert.ok(page!.language.split('+').includes(model), `${file}: ${page!.language}`);
  }
});
