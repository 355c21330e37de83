import type { Point } from '../../../shared/ocr-result.js';
import type { ColourImage, GreyImage } from '../intake/grey-image.js';
import type { CardOutline } from './card-geometry.js';
import type { CardMeasures } from './card-measures.js';
import type { FoundRules } from './find-rules.js';

/**
 * The per-pixel analyses that run in the vision thread (OpenCV's WebAssembly build), by name,
 * with what each takes and gives. Images cross as their pixel bytes.
 */
export interface VisionTasks {
  readonly findRules: { readonly input: { readonly image: GreyImage; readonly textHeight: number }; readonly output: FoundRules };
  readonly locateCards: { readonly input: { readonly image: ColourImage }; readonly output: CardOutline[] };
  readonly warpCard: { readonly input: { readonly image: ColourImage; readonly corners: readonly Point[]; readonly width: number; readonly height: number }; readonly output: ColourImage };
  readonly sharpness: { readonly input: { readonly image: ColourImage }; readonly output: number };
  readonly measureCard: { readonly input: { readonly card: ColourImage; readonly side: 'FRONT' | 'BACK' }; readonly output: CardMeasures };
}

export type VisionTaskName = keyof VisionTasks;

export interface VisionRequest<Name extends VisionTaskName = VisionTaskName> {
  readonly id: number;
  readonly task: Name;
  readonly input: VisionTasks[Name]['input'];
}

export type VisionReply = { readonly id: number; readonly ok: true; readonly output: unknown } | { readonly id: number; readonly ok: false; readonly message: string };
