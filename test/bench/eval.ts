/**
 * `npm run eval`: accuracy of OCR Desk on the fixture corpus, per category and language, next to
 * native Tesseract on the same images with the same model files, against the targets of the
 * foundation issue; `--ablation` adds what each preprocessing and orientation step gains.
 *
 * Then the tables: structure, merged cells and cell text on ../shared/corpus/table (PubTabNet) and
 * on SYNTHETIC tables (eval-tables.ts).
 *
 * Then ID cards: each field's reading and each warning's detection and false alarms on SYNTHETIC
 * cards (eval-idcard.ts).
 *
 *   npm run eval [-- --corpus DIR] [-- --ablation] [-- --no-native] [-- --tables | --idcard [--people N] (that section only)]
 *
 * Measurement, not a test: it prints figures and exits 0 unless something could not run at all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine, type RecognizeOptions } from '../../main/engine/create-engine.js';
import type { Tier } from '../../main/engine/tiers.js';
import { corpusFolder, loadCorpus, readTruth, type CorpusItem } from '../helpers/fixture-corpus.js';
import { characterErrorRate, missingWordRate } from '../helpers/text-metrics.js';
import { sharedCorpusNote } from './bench-corpus.js';
import { evaluateTables } from './eval-tables.js';
import { evaluateIdCards } from './eval-idcard.js';
import { comparesRequestWithoutSpaces, tesseractLanguagesFor } from './bench-languages.js';
import { prepareNativeBaseline } from './native-baseline.js';
import type { NativeTesseract } from './native-tesseract.js';
import { formatPercent, formatTable } from './text-table.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Scored {
  readonly item: CorpusItem;
  readonly cer: number | null;
  readonly missingWords: number | null;
  readonly empty: boolean;
  readonly angle: number | null;
  /** The language set the engine used (interesting with `auto`). */
  readonly language?: string;
  readonly error?: string;
}

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: corpusFolder },
    ablation: { type: 'boolean', default: false },
    'no-native': { type: 'boolean', default: false },
    tier: { type: 'string', default: 'standard' },
    /** Only the table section. */
    tables: { type: 'boolean', default: false },
    /** Only the ID card section, on this many SYNTHETIC people (default 12). */
    idcard: { type: 'boolean', default: false },
    people: { type: 'string', default: '12' },
  },
});
const folder = path.resolve(values.corpus!);
const items = loadCorpus(folder).filter((item) => item.truth || item.pageTruths);
const truthOf = (item: CorpusItem, page: number): string => {
  if (item.pageTruths) return readTruth({ ...item, truth: item.pageTruths[page] ?? null }, folder);
  return readTruth(item, folder);
};

function score(item: CorpusItem, pageTexts: readonly string[], angle: number | null): Scored {
  const dropSpaces = comparesRequestWithoutSpaces(item.language);
  const pages = item.pageTruths?.length ?? 1;
  let errors = 0;
  let length = 0;
  let missing = 0;
  for (let page = 0; page < pages; page += 1) {
    const truth = truthOf(item, page);
    const text = pageTexts[page] ?? '';
    const size = [...truth.replace(/\s+/g, dropSpaces ? '' : ' ').trim()].length;
    errors += characterErrorRate(truth, text, { dropSpaces }) * size;
    length += size;
    missing += missingWordRate(truth, text) / pages;
  }
  return { item, cer: length ? errors / length : 0, missingWords: item.orderFree ? missing : null, empty: pageTexts.join('').trim() === '', angle };
}

async function runOcrDesk(engine: Engine, options: Omit<RecognizeOptions, 'language'> = {}, language?: string): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (const item of items) {
    const result = await engine.recognize({ kind: 'path', path: path.join(folder, item.file) }, { tier: values.tier as Tier, ...options, language: language ?? item.language });
    if (!result.ok) {
      scored.push({ item, cer: null, missingWords: null, empty: true, angle: null, error: `${result.error.code}: ${result.error.message}` });
      continue;
    }
    const first = result.value[0];
    const texts = result.value.map((page) => (page.ok ? page.result.text : ''));
    scored.push({ ...score(item, texts, first?.ok ? first.result.angle : null), language: first?.ok ? first.result.language : '' });
  }
  return scored;
}

async function runNative(): Promise<{ scored: Scored[] | null; note: string }> {
  if (values['no-native']) return { scored: null, note: 'native Tesseract: skipped (--no-native)' };
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-eval-'));
  try {
    const languages = new Set(items.flatMap((item) => {
      const set = tesseractLanguagesFor(item.language);
      return set.ok ? set.value : [];
    }));
    const { native, status } = await prepareNativeBaseline(scratch, [...languages], values.tier as Tier);
    if (!native || status.status !== 'ok') {
      return { scored: null, note: `native Tesseract: NOT AVAILABLE (${status.status === 'ok' ? '' : status.message}), no baseline column; scripts/install-system-packages.sh --bench installs it` };
    }
    return { scored: await scoreNative(native), note: `native baseline: ${native.version}, the same model files as the ${values.tier} tier, --psm 3, OMP_THREAD_LIMIT=1` };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function scoreNative(native: NativeTesseract): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (const item of items) {
    const languages = tesseractLanguagesFor(item.language);
    if (!languages.ok) {
      scored.push({ item, cer: null, missingWords: null, empty: true, angle: null, error: languages.error.message });
      continue;
    }
    const run = await native.recognize(path.join(folder, item.file), languages.value.join('+'));
    if (!run.ok) {
      scored.push({ item, cer: null, missingWords: null, empty: true, angle: null, error: run.error.message });
      continue;
    }
    // The CLI separates the pages of a multi-page TIFF with form feeds.
    scored.push(score(item, run.value.text.split('\f'), null));
  }
  return scored;
}

const median = (numbers: readonly number[]): number | null => {
  if (numbers.length === 0) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const mean = (numbers: readonly number[]): number | null => (numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null);
const cers = (scored: readonly Scored[], filter: (item: CorpusItem) => boolean) => scored.filter((s) => filter(s.item) && s.cer !== null).map((s) => s.cer!);
const label = (item: CorpusItem) => `${item.id}${item.synthetic ? ' (SYNTHETIC)' : item.derived ? ' (derived)' : ''}`;

const engine = createEngine({ workers: 2 });
try {
  const started = Date.now();
  if (!values.tables && !values.idcard) {
    const ours = await runOcrDesk(engine);
    const automatic = await runOcrDesk(engine, {}, 'auto');
    const autoById = new Map(automatic.map((s) => [s.item.id, s]));
    const native = await runNative();
    const nativeById = new Map((native.scored ?? []).map((s) => [s.item.id, s]));

    console.log(`OCR Desk eval (${values.tier} tier) on ${path.relative(repoRoot, folder) || folder}: ${items.length} items with ground truth`);
    const sharedNote = sharedCorpusNote(repoRoot).exists
      ? `../shared/corpus exists but has its own format; run with --corpus to use a folder with a manifest.json`
      : '../shared/corpus is absent on this machine; the fixture corpus stands in (test/fixtures/corpus/SOURCES.md)';
    console.log(`${sharedNote}\n${native.note}\n`);

    console.log(
      formatTable(
        [{ title: 'item', align: 'left' }, { title: 'category', align: 'left' }, { title: 'lang', align: 'left' }, { title: 'OCR Desk CER' }, { title: 'native CER' }, { title: 'words missing (order-free)' }, { title: 'angle' }, { title: 'with auto: CER (languages)', align: 'left' }],
        ours.map((s) => [
          label(s.item),
          s.item.category,
          s.item.language,
          s.error ? `error: ${s.error.slice(0, 40)}` : formatPercent(s.cer),
          formatPercent(nativeById.get(s.item.id)?.cer ?? null),
          s.missingWords === null ? '' : `${formatPercent(s.missingWords)} / native ${formatPercent(nativeById.get(s.item.id)?.missingWords ?? null)}`,
          s.angle === null ? '' : String(s.angle),
          autoById.get(s.item.id)?.cer === undefined ? '' : `${formatPercent(autoById.get(s.item.id)!.cer)} (${autoById.get(s.item.id)!.language})`,
        ]),
      ),
    );

    const groups = [...new Set(ours.map((s) => `${s.item.category}|${s.item.language}`))];
    console.log(`\nPer category and language (mean / median CER):`);
    console.log(
      formatTable(
        [{ title: 'category', align: 'left' }, { title: 'lang', align: 'left' }, { title: 'n' }, { title: 'OCR Desk mean' }, { title: 'OCR Desk median' }, { title: 'native mean' }, { title: 'native median' }],
        groups.map((group) => {
          const [category, language] = group.split('|');
          const inGroup = (item: CorpusItem) => item.category === category && item.language === language;
          const ourCers = cers(ours, inGroup);
          const nativeCers = cers(native.scored ?? [], inGroup);
          return [category!, language!, String(ourCers.length), formatPercent(mean(ourCers)), formatPercent(median(ourCers)), formatPercent(mean(nativeCers)), formatPercent(median(nativeCers))];
        }),
      ),
    );

    const byId = new Map(ours.map((s) => [s.item.id, s]));
    const rotationGap = Math.max(
      ...ours.filter((s) => s.item.category === 'rotated' && s.cer !== null).map((s) => s.cer! - (byId.get(s.item.uprightOf ?? '')?.cer ?? 0)),
    );
    const targets: Array<[string, number | null, number | null, string, boolean]> = [];
    const target = (name: string, measured: number | null, nativeValue: number | null, limit: string, pass: boolean) => targets.push([name, measured, nativeValue, limit, pass]);
    const inCategory = (category: string) => (item: CorpusItem) => item.category === category;
    const lines = mean(cers(ours, inCategory('english-line')));
    target('English printed lines, mean CER', lines, mean(cers(native.scored ?? [], inCategory('english-line'))), '<= 1%', lines !== null && lines <= 0.01);
    const photo = byId.get('phototest')?.cer ?? null;
    target('phototest CER', photo, nativeById.get('phototest')?.cer ?? null, '<= 1%', photo !== null && photo <= 0.01);
    const pages = median(cers(ours, inCategory('english-page')));
    target('median English page, CER', pages, median(cers(native.scored ?? [], inCategory('english-page'))), '<= 1%', pages !== null && pages <= 0.01);
    const hard = mean(cers(ours, inCategory('english-page-hard')));
    target('hard pages (UNLV multi-column), mean CER: reported', hard, mean(cers(native.scored ?? [], inCategory('english-page-hard'))), 'report', true);
    const chinese = mean(cers(ours, inCategory('chinese-paragraph')));
    target('Chinese paragraphs, mean CER (SYNTHETIC renders)', chinese, mean(cers(native.scored ?? [], inCategory('chinese-paragraph'))), '<= 3%', chinese !== null && chinese <= 0.03);
    const hardBackgrounds = ours.filter((s) => ['transparent', 'white-on-black'].includes(s.item.category));
    const worstBackground = Math.max(...hardBackgrounds.map((s) => s.cer ?? 1));
    target('transparent and white-on-black, worst CER (read, not empty)', worstBackground, null, 'non-empty', hardBackgrounds.every((s) => !s.empty));
    const crop = byId.get('synthetic-chi-sim-crop-white-on-black');
    target('tiny Chinese crop CER (SYNTHETIC)', crop?.cer ?? null, nativeById.get('synthetic-chi-sim-crop-white-on-black')?.cer ?? null, 'non-empty, <= 60%', !!crop && !crop.empty && (crop.cer ?? 1) <= 0.6);
    target('rotated vs upright original, worst CER gap', rotationGap, null, '<= 1 point', rotationGap <= 0.01);
    console.log(`\nTargets of the foundation issue:`);
    console.log(
      formatTable(
        [{ title: 'target', align: 'left' }, { title: 'OCR Desk' }, { title: 'native' }, { title: 'goal' }, { title: 'met', align: 'left' }],
        targets.map(([name, measured, nativeValue, limit, pass]) => [name, formatPercent(measured), formatPercent(nativeValue), limit, pass ? 'yes' : 'NO']),
      ),
    );

    if (values.ablation) {
      const variants: Array<[string, Omit<RecognizeOptions, 'language'>]> = [
        ['no inversion', { preprocess: { invert: false } }],
        ['no rescaling', { preprocess: { rescale: false } }],
        ['no padding', { preprocess: { pad: false } }],
        ['no orientation', { detectOrientation: false }],
        ['no deskew', { deskew: false }],
      ];
      const categories = [...new Set(ours.map((s) => s.item.category))];
      const rows: string[][] = [];
      for (const [name, options] of variants) {
        const variant = await runOcrDesk(engine, options);
        for (const category of categories) {
          const full = mean(cers(ours, inCategory(category)));
          const without = mean(cers(variant, inCategory(category)));
          if (full === null || without === null || Math.abs(without - full) < 0.0005) continue;
          rows.push([name, category, formatPercent(full), formatPercent(without), `${((without - full) * 100).toFixed(1)} points`]);
        }
      }
      console.log(`\nWhat each step gains (mean CER with all steps, and without one; only categories that change):`);
      console.log(
        formatTable(
          [{ title: 'step switched off', align: 'left' }, { title: 'category', align: 'left' }, { title: 'all steps' }, { title: 'without' }, { title: 'cost of dropping it' }],
          rows,
        ),
      );
    }
  }
  if (!values.idcard) await evaluateTables(engine, { sharedTables: path.resolve(repoRoot, '..', 'shared', 'corpus', 'table'), tier: values.tier as Tier });
  if (!values.tables) await evaluateIdCards(engine, { sharedCards: path.resolve(repoRoot, '..', 'shared', 'corpus', 'idcard'), people: Number(values.people) });
  console.log(`\n(eval took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
} finally {
  await engine.close();
}
