import assert from 'node:assert/strict';
import type { EngineErrorCode } from '../../shared/engine-errors.js';
import type { PageOutcome, RecognitionResult } from '../../shared/ocr-result.js';
import type { Result } from '../../shared/result.js';

/** The results of every page, asserting that the input and each of its pages succeeded. */
export function pageResults(result: Result<PageOutcome[], EngineErrorCode>): RecognitionResult[] {
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
  return result.value.map((page) => {
    assert.ok(page.ok, page.ok ? '' : `page ${page.page}: ${page.error.code}: ${page.error.message}`);
    return page.result;
  });
}
