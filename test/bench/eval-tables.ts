import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Engine } from '../../main/engine/create-engine.js';
import type { Tier } from '../../main/engine/tiers.js';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { acrossRuledTable, chineseRuledTable, renderPage, truthOf, unruledTable, type TruthCell } from '../helpers/synthetic-table.js';
import { microCer } from '../helpers/text-metrics.js';
import { loadPubTabNet } from './pubtabnet.js';
import { scoreTable, type TableScore } from './table-scores.js';
import { formatPercent, formatTable } from './text-table.js';

interface TableCase {
  readonly id: string;
  readonly source: 'PubTabNet' | 'SYNTHETIC';
  readonly image: () => Promise<Buffer>;
  readonly truth: readonly TruthCell[];
  readonly language: string;
}

/** The SYNTHETIC tables (test/helpers/synthetic-table.ts), as drawn and at PubTabNet's small size. */
async function syntheticCases(): Promise<TableCase[]> {
  const ruledTruth = JSON.parse(await readFile(corpusPath('synthetic-ruled-table.truth.json'), 'utf8')) as { cells: TruthCell[] };
  const full: TableCase[] = [
    { id: 'ruled, spans both ways', source: 'SYNTHETIC', language: 'eng', image: () => readFile(corpusPath('synthetic-ruled-table.png')), truth: ruledTruth.cells },
    { id: 'ruled only across, two-level header', source: 'SYNTHETIC', language: 'eng', image: () => renderPage(1180, 600, [acrossRuledTable]), truth: truthOf(acrossRuledTable) },
    { id: 'no rules', source: 'SYNTHETIC', language: 'eng', image: () => renderPage(1000, 1060, [unruledTable]), truth: truthOf(unruledTable) },
    { id: 'ruled, Chinese', source: 'SYNTHETIC', language: 'zh', image: () => renderPage(1040, 520, [chineseRuledTable]), truth: truthOf(chineseRuledTable) },
  ];
  const variant = (suffix: string, change: (image: ReturnType<typeof sharp>, width: number) => ReturnType<typeof sharp>) => (item: TableCase): TableCase => ({
    ...item,
    id: `${item.id}, ${suffix}`,
    image: async () => {
      const image = await item.image();
      const { width } = await sharp(image).metadata();
      return change(sharp(image), width ?? 1000).toBuffer();
    },
  });
  // PubTabNet's images are 238-503 px wide: the same tables shrunk to ~470 px.
  const small = full.map(variant('40% size', (image, width) => image.resize(Math.round(width * 0.4)).png()));
  // As a phone or a cheap scanner gives them: turned 1.5 degrees, softened, saved as a poor JPEG.
  const scanned = full.map(variant('tilted, blurred, JPEG 60', (image) => image.rotate(1.5, { background: '#ffffff' }).blur(0.8).jpeg({ quality: 60 })));
  return [...full, ...small, ...scanned];
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null);

/**
 * The table section of `npm run eval`: structure accuracy (share of truth cells whose box is
 * reproduced exactly), merged-cell recall and cell text CER, per table and overall, against the
 * issue's targets, on ../shared/corpus/table (PubTabNet) when it is there and always on the
 * SYNTHETIC tables (labelled: they show the finder works, not how it fares on real scans).
 */
export async function evaluateTables(engine: Engine, options: { readonly sharedTables: string; readonly tier: Tier }): Promise<void> {
  const cases: TableCase[] = [];
  let sharedNote: string;
  if (existsSync(options.sharedTables)) {
    const truths = loadPubTabNet(options.sharedTables);
    sharedNote = truths.length ? `${truths.length} PubTabNet tables from ${options.sharedTables}` : `${options.sharedTables} holds no PubTabNet annotation (.jsonl or .json) that this reader understands`;
    cases.push(...truths.map((truth) => ({ id: truth.id, source: 'PubTabNet' as const, image: () => readFile(truth.image), truth: truth.cells, language: 'eng' })));
  } else {
    sharedNote = `${options.sharedTables} is absent on this machine: NO REAL TABLES were measured; only SYNTHETIC ones below`;
  }
  console.log(`\nTables (${options.tier} tier): ${sharedNote}`);
  const scored: Array<{ item: TableCase; score: TableScore | null; ms: number; error?: string }> = [];
  for (const item of [...cases, ...(await syntheticCases())]) {
    const started = performance.now();
    const reading = await engine.recognizeTables({ kind: 'bytes', bytes: await item.image() }, { language: item.language, tier: options.tier });
    const ms = performance.now() - started;
    scored.push(reading.ok ? { item, score: scoreTable(item.truth, reading.value.tables), ms } : { item, score: null, ms, error: `${reading.error.code}` });
  }
  console.log(
    formatTable(
      [{ title: 'table', align: 'left' }, { title: 'source', align: 'left' }, { title: 'cells' }, { title: 'spans' }, { title: 'found' }, { title: 'structure' }, { title: 'merged' }, { title: 'cell CER' }, { title: 'ms' }],
      scored.map(({ item, score, ms, error }) => [
        item.id,
        item.source,
        String(item.truth.length),
        String(score?.spanning ?? ''),
        error ?? String(score?.tablesFound ?? ''),
        formatPercent(score?.structure ?? null),
        formatPercent(score?.mergedRecall ?? null),
        formatPercent(score ? microCer(score.text) : null),
        String(Math.round(ms)),
      ]),
    ),
  );
  for (const source of ['PubTabNet', 'SYNTHETIC'] as const) {
    const ofSource = scored.filter((entry) => entry.item.source === source);
    if (ofSource.length === 0) continue;
    const structure = mean(ofSource.map((entry) => entry.score?.structure ?? 0));
    const merged = mean(ofSource.flatMap((entry) => (entry.score?.mergedRecall === null || !entry.score ? [] : [entry.score.mergedRecall])));
    const cer = microCer(ofSource.flatMap((entry) => entry.score?.text ?? []));
    console.log(`\nTargets of the tables issue, ${source}${source === 'SYNTHETIC' ? ' (not real tables)' : ''}:`);
    console.log(
      formatTable(
        [{ title: 'measure', align: 'left' }, { title: 'measured' }, { title: 'must' }, { title: 'aim' }, { title: 'met', align: 'left' }],
        [
          ['structure accuracy (mean per table)', formatPercent(structure), '>= 70%', '>= 85%', structure !== null && structure >= 0.7 ? 'yes' : 'NO'],
          ['merged-cell recall (mean per table with spans)', formatPercent(merged), '>= 60%', '>= 80%', merged !== null && merged >= 0.6 ? 'yes' : 'NO'],
          ['cell text CER (pooled)', formatPercent(cer), '<= 15%', '<= 8%', cer !== null && cer <= 0.15 ? 'yes' : 'NO'],
        ],
      ),
    );
  }
}
