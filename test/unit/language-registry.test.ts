import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listLanguageModels, resolveLanguageRequest } from '../../main/engine/languages/language-registry.js';
import { resolveModelFile } from '../../main/engine/models/model-files.js';
import { defaultModelsFolder } from '../../main/platform/app-paths.js';

test('cloud codes and Tesseract names resolve to language sets', () => {
  assert.deepEqual(resolveLanguageRequest('zh'), { ok: true, value: ['chi_sim', 'chi_tra', 'eng'] });
  assert.deepEqual(resolveLanguageRequest('jap'), { ok: true, value: ['jpn', 'eng'] });
  assert.deepEqual(resolveLanguageRequest('hol'), { ok: true, value: ['nld', 'eng'] });
  assert.deepEqual(resolveLanguageRequest('may'), { ok: true, value: ['msa', 'eng'] });
  assert.deepEqual(resolveLanguageRequest('auto'), { ok: true, value: 'auto' });
  assert.deepEqual(resolveLanguageRequest('eng'), { ok: true, value: ['eng'] });
  assert.deepEqual(resolveLanguageRequest('chi_tra+eng+eng'), { ok: true, value: ['chi_tra', 'eng'] });
});

test('an unknown language is LanguageNotSupported and the message lists what is', () => {
  const result = resolveLanguageRequest('klingon+eng');
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'LanguageNotSupported');
  assert.match(!result.ok ? result.error.message : '', /"klingon".*chi_sim/);
  assert.equal(!resolveLanguageRequest('').ok && !resolveLanguageRequest('+').ok, true);
  // Names that an object literal would find on Object.prototype.
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const result = resolveLanguageRequest(name);
    assert.equal(!result.ok && result.error.code, 'LanguageNotSupported', name);
  }
});

test('every LanguageType the cloud documents for these actions resolves, and every model is installed locally', () => {
  const cloudCodes = ['zh', 'zh_rare', 'auto', 'mix', 'jap', 'kor', 'spa', 'fre', 'ger', 'por', 'vie', 'may', 'rus', 'ita', 'hol', 'swe', 'fin', 'dan', 'nor', 'hun', 'tha'];
  for (const code of cloudCodes) assert.ok(resolveLanguageRequest(code).ok, code);
  const models = listLanguageModels();
  assert.equal(models.filter((model) => !model.vertical).length, 20, 'the 20 seed languages, Simplified and Traditional Chinese counted apart');
  for (const model of models) {
    const file = resolveModelFile(model.name, '4.0.0_best_int', defaultModelsFolder());
    assert.ok(file.ok, file.ok ? '' : file.error.message);
  }
  // Russian and vertical Simplified Chinese are not on npm: the carried fast models serve them.
  const russian = resolveModelFile('rus', '4.0.0_best_int', defaultModelsFolder());
  assert.match(russian.ok ? russian.value : '', /assets\/tessdata\/fast\/rus\.traineddata\.gz$/);
  assert.equal(resolveModelFile('../../etc/passwd', '4.0.0_best_int', defaultModelsFolder()).ok, false);
  for (const variant of ['..', '../..', 'constructor', '__proto__']) assert.equal(resolveModelFile('eng', variant, defaultModelsFolder()).ok, false, variant);
});

test('tiers pick their model files: carried fast models where measured faster, best_int standing in', () => {
  const folder = defaultModelsFolder();
  const file = (lang: string, variant: string) => {
    const found = resolveModelFile(lang, variant, folder);
    assert.ok(found.ok, found.ok ? '' : found.error.message);
    return found.value;
  };
  assert.match(file('eng', 'fast'), /assets\/tessdata\/fast\/eng\.traineddata\.gz$/);
  assert.match(file('chi_tra', 'fast'), /assets\/tessdata\/fast\/chi_tra\.traineddata\.gz$/);
  // Simplified Chinese fast was slower than best_int: not carried, best_int stands in.
  assert.match(file('chi_sim', 'fast'), /@tesseract\.js-data\/chi_sim\/4\.0\.0_best_int\//);
  assert.match(file('jpn', 'fast'), /@tesseract\.js-data\/jpn\/4\.0\.0_best_int\//);
  assert.match(file('eng', '4.0.0_best_int'), /@tesseract\.js-data\/eng\/4\.0\.0_best_int\//);
});
