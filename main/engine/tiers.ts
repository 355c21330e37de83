/**
 * The three variants the cloud sells (GeneralFastOCR, GeneralBasicOCR, GeneralAccurateOCR), each a
 * measured choice of model and work. Measured on the fixture corpus (README, "Tiers"): Debian's
 * tessdata_fast English model reads the English pages 27% faster than npm's 4.0.0_best_int at the
 * same CER, and Traditional Chinese 19% faster; Simplified Chinese fast was 26% slower, so that
 * language keeps best_int (models/model-files.ts falls back per language).
 */
export const tiers = ['fast', 'standard', 'accurate'] as const;
export type Tier = (typeof tiers)[number];

/** The model variant folders (see models/model-files.ts). */
export type ModelVariant = 'fast' | '4.0.0' | '4.0.0_best_int';

/** ID cards read their Chinese with this variant, measured better on cards (idcard/read-id-card.ts). */
export const idCardChineseVariant: ModelVariant = '4.0.0';
/** The models read beyond the tiers' (orientation aside): packagers keep them (scripts/server-package/prune-unused-models.ts). */
export const readerModels: ReadonlyArray<{ readonly language: string; readonly variant: ModelVariant }> = [{ language: 'chi_sim', variant: idCardChineseVariant }];

export interface TierProfile {
  readonly variant: ModelVariant;
  /** Defaults of RecognizeOptions.detectOrientation and deskew for this tier; a caller may override. */
  readonly detectOrientation: boolean;
  readonly deskew: boolean;
}

export const tierProfiles: Readonly<Record<Tier, TierProfile>> = {
  // Less work: no orientation detection (0.1-0.7 s a page) and no deskew unless asked for.
  fast: { variant: 'fast', detectOrientation: false, deskew: false },
  // The fast models where they read as well, and the whole pipeline.
  standard: { variant: 'fast', detectOrientation: true, deskew: true },
  // npm's best_int models everywhere. No more accurate model is available offline: npm's 4.0.0
  // measured no better (../shared/reference/engine-benchmark.md).
  accurate: { variant: '4.0.0_best_int', detectOrientation: true, deskew: true },
};

export function isTier(value: string): value is Tier {
  return (tiers as readonly string[]).includes(value);
}
