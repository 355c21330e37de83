import { readFile } from 'node:fs/promises';
import type { Tier } from '../../main/engine/tiers.js';
import { startTestServer, sdkClient } from '../helpers/api-server.js';
import type { BenchItem } from './bench-corpus.js';
import { mapConcurrent, median, percentile, ratioOrNull, timed } from './timing.js';

export interface ApiOverhead {
  readonly items: number;
  readonly rounds: number;
  /** Per-image medians, then median and p90 over the images. */
  readonly latencyMs: { readonly direct: { readonly p50: number | null; readonly p90: number | null }; readonly api: { readonly p50: number | null; readonly p90: number | null } };
  /** Sum of per-image medians, API over direct. */
  readonly sequentialRatio: number | null;
  /** Every image at once, median of the passes. */
  readonly requestsPerSecond: { readonly direct: number; readonly api: number };
  readonly throughputRatio: number | null;
  readonly failures: readonly string[];
}

/**
 * The cost of the HTTP door: the same images, on one warm engine behind the real server, read once
 * by calling the engine as GeneralBasicOCR does and once through the official SDK (signing, HTTP,
 * base64, verification, metering with its fsync, response mapping). PDFs are left out: the
 * action reads one page where a direct call reads all.
 */
export async function measureApiOverhead(items: readonly BenchItem[], rounds: number, tier: Tier, log: (line: string) => void): Promise<ApiOverhead> {
  const server = await startTestServer({ workers: 2, qps: { GeneralBasicOCR: 10_000 }, maxQueue: 4 * items.length });
  try {
    const root = server.workspace.accounts.list().find((account) => account.root)!;
    await server.workspace.billing.setPayAsYouGo(root, true);
    const key = await server.workspace.accounts.createKey();
    if (!key.ok) throw new Error(key.error.message);
    const client = sdkClient(server.endpoint, key.value);
    const images = await Promise.all(items.filter((item) => !item.imagePath.endsWith('.pdf')).map(async (item) => ({ item, bytes: await readFile(item.imagePath) })));
    const failures: string[] = [];
    const direct = async ({ item, bytes }: (typeof images)[number]) => {
      const result = await server.engine.recognize({ kind: 'base64', text: bytes.toString('base64') }, { language: item.language, tier, page: 1 });
      if (!result.ok) failures.push(`${item.id} direct: ${result.error.code}`);
    };
    const api = async ({ item, bytes }: (typeof images)[number]) => {
      try {
        await client.GeneralBasicOCR({ ImageBase64: bytes.toString('base64'), LanguageType: item.language });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== 'FailedOperation.ImageNoText') failures.push(`${item.id} API: ${code ?? (error as Error).message}`);
      }
    };
    log(`API: warming ${images.length} images`);
    for (const image of images) await direct(image);
    const perImage = { direct: [] as number[], api: [] as number[] };
    log(`API: ${rounds} rounds one at a time, direct and through the SDK`);
    for (const image of images) {
      const directRuns: number[] = [];
      const apiRuns: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        directRuns.push((await timed(() => direct(image))).ms);
        apiRuns.push((await timed(() => api(image))).ms);
      }
      perImage.direct.push(median(directRuns)!);
      perImage.api.push(median(apiRuns)!);
    }
    log('API: throughput, every image at once');
    const passes = { direct: [] as number[], api: [] as number[] };
    for (let round = 0; round < rounds; round += 1) {
      passes.direct.push((await timed(() => mapConcurrent(images, images.length, direct))).ms);
      passes.api.push((await timed(() => mapConcurrent(images, images.length, api))).ms);
    }
    const perSecond = (ms: readonly number[]) => (images.length * 1000) / median(ms)!;
    const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
    return {
      items: images.length,
      rounds,
      latencyMs: {
        direct: { p50: median(perImage.direct), p90: percentile(perImage.direct, 90) },
        api: { p50: median(perImage.api), p90: percentile(perImage.api, 90) },
      },
      sequentialRatio: ratioOrNull(sum(perImage.api), sum(perImage.direct)),
      requestsPerSecond: { direct: perSecond(passes.direct), api: perSecond(passes.api) },
      throughputRatio: ratioOrNull(perSecond(passes.api), perSecond(passes.direct)),
      failures,
    };
  } finally {
    await server.close();
  }
}
