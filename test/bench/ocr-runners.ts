import type { Tier } from '../../main/engine/tiers.js';
import path from 'node:path';
import type { Engine } from '../../main/engine/create-engine.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { BenchItem } from './bench-corpus.js';
import type { NativeTesseract } from './native-tesseract.js';
import { timed } from './timing.js';

export interface OcrRun {
  readonly ms: number;
  readonly text: string;
}

/** One OCR call on one corpus item; failures (an error code and message) are values. */
export type Recognizer = (item: BenchItem) => Promise<Result<OcrRun>>;

/**
 * OCR Desk as a caller sees it: a file path in, text out, every option at its default except the
 * language (orientation detection, deskew and preprocessing stay on, since that is the product).
 */
export function deskRecognizer(engine: Engine, tier: Tier): Recognizer {
  return async (item) => {
    const { value: result, ms } = await timed(() => engine.recognize({ kind: 'path', path: item.imagePath }, { language: item.language, tier }));
    if (!result.ok) return fail(result.error.code, result.error.message);
    return ok({ ms, text: result.value.map((page) => (page.ok ? page.result.text : '')).join('\n') });
  };
}

/** Native Tesseract, one CLI process per call, with the language set OCR Desk resolves the item's language to. */
export function nativeRecognizer(native: NativeTesseract, languagesFor: (item: BenchItem) => string | null): Recognizer {
  return async (item) => {
    const languages = languagesFor(item);
    if (languages === null) return fail('LanguageNotComparable', `no native language for "${item.language}"`);
    return native.recognize(item.imagePath, languages);
  };
}

/** A native run over a list file of images; the list is written into `scratchDir`. */
export function nativeListRunner(native: NativeTesseract, scratchDir: string) {
  let lists = 0;
  return (items: readonly BenchItem[], languages: string): Promise<Result<OcrRun>> => {
    lists += 1;
    return native.recognizeList(
      items.map((item) => item.imagePath),
      languages,
      path.join(scratchDir, `list-${lists}.txt`),
    );
  };
}
