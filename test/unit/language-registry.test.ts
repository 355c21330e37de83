import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveLanguageRequest } from '../../main/engine/languages/language-registry.js';

test('cloud codes and Tesseract names resolve to language sets', () => {
  assert.deepEqual(resolveLanguageRequest('zh'), { ok: true, value: ['chi_sim', 'eng'] });
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
