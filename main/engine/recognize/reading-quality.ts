import type { RecognitionResult } from '../../../shared/ocr-result.js';

/**
 * Measured on the fixture corpus (README, "Orientation"): pages read upright score a character-
 * weighted confidence of 86-96; the same pages read upside down 13-61 (Thai highest), a Finnish
 * word 75. Above this floor the page is taken as upright and OSD is not run at all.
 */
const uprightConfidence = 80;

export interface ReadingQuality {
  readonly characters: number;
  /** 0-100, each word's confidence weighted by its characters; 0 when nothing was read. */
  readonly confidence: number;
  /**
   * Share of the characters on lines wider than tall. Tesseract's layout analysis reads a page
   * turned a quarter clockwise as vertical lines, confidently (96 on phototest): such a page still
   * needs its turn found, or the angle and the reading order are wrong.
   */
  readonly horizontalShare: number;
}

export function readingQuality(result: RecognitionResult): ReadingQuality {
  let characters = 0;
  let weighted = 0;
  let horizontal = 0;
  for (const line of result.lines) {
    let lineCharacters = 0;
    for (const word of line.words) {
      const count = [...word.text].length;
      lineCharacters += count;
      weighted += count * word.confidence;
    }
    characters += lineCharacters;
    if (line.box.width >= line.box.height) horizontal += lineCharacters;
  }
  return characters === 0
    ? { characters, confidence: 0, horizontalShare: 0 }
    : { characters, confidence: weighted / characters, horizontalShare: horizontal / characters };
}

/** True when a horizontal reading was confident enough that looking for a quarter turn is wasted work. */
export function readsAsUpright(quality: ReadingQuality): boolean {
  return quality.characters > 0 && quality.confidence >= uprightConfidence && quality.horizontalShare > 0.5;
}

/** The better of two readings of one page (after a turn OSD suggested, which may be wrong). */
export function betterReading<T extends { quality: ReadingQuality }>(first: T, second: T): T {
  const firstUpright = readsAsUpright(first.quality);
  const secondUpright = readsAsUpright(second.quality);
  // A confident reading of vertical lines loses to an upright one: its angle and order are wrong.
  if (firstUpright !== secondUpright) return secondUpright ? second : first;
  // Below the confidence floor too, lines the right way round beat confident vertical lines.
  const firstHorizontal = first.quality.horizontalShare > 0.5;
  const secondHorizontal = second.quality.horizontalShare > 0.5;
  if (firstHorizontal !== secondHorizontal) return secondHorizontal ? second : first;
  return second.quality.confidence > first.quality.confidence ? second : first;
}
