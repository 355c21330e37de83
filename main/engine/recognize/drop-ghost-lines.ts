import type { Box, RecognizedLine } from '../../../shared/ocr-result.js';

/**
 * Tesseract's layout analysis sometimes finds a second, thin "line" inside a real one (seen on
 * vertical Chinese: a 16 px sliver of a 31 px column, read as other characters at confidence 25
 * beside the column's 96). Such a line is dropped when most of it lies inside a line read far more
 * confidently. Lines that merely touch, and weak lines on their own, are kept.
 */
const minShareInside = 0.6;
const minConfidenceGap = 30;

export function dropGhostLines(lines: readonly RecognizedLine[]): RecognizedLine[] {
  const kept = lines.filter(
    (line) =>
      area(line.box) === 0 ||
      !lines.some(
        (other) =>
          other !== line &&
          other.confidence - line.confidence >= minConfidenceGap &&
          intersectionArea(line.box, other.box) >= minShareInside * area(line.box),
      ),
  );
  if (kept.length === lines.length) return [...lines];
  // Paragraph numbers stay consecutive when a paragraph held only ghosts.
  const renumbered = new Map<number, number>();
  return kept.map((line) => {
    if (!renumbered.has(line.paragraph)) renumbered.set(line.paragraph, renumbered.size + 1);
    return { ...line, paragraph: renumbered.get(line.paragraph)! };
  });
}

const area = (box: Box): number => box.width * box.height;

function intersectionArea(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}
