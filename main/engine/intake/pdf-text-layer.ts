import { OPS, Util, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { boxCorners, type Box, type RecognitionResult, type RecognizedLine, type RecognizedWord } from '../../../shared/ocr-result.js';

type PageViewport = ReturnType<PDFPageProxy['getViewport']>;
type Matrix = [number, number, number, number, number, number];

/**
 * Above this share of the page covered by images the page is taken for a scan, perhaps with
 * another program's OCR text over it, and is read from its pixels. A logo or a signature image
 * stays below it.
 */
const maxImageCoverage = 0.05;
/** A font without a Unicode map gives U+FFFD, private-use or control characters: such text is not text. */
const maxUnmappableShare = 0.05;
const unmappable = /[\uFFFD\uE000-\uF8FF\u0000-\u0008\u000E-\u001F]/u;

const imageOperators = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
]);

/** One run of text as pdf.js reports it, in the rendered page's pixels. */
interface Piece {
  readonly text: string;
  readonly left: number;
  readonly right: number;
  readonly baseline: number;
  /** Font height in pixels. */
  readonly size: number;
  readonly endsLine: boolean;
}

/**
 * A born-digital page's own text, laid out as OCR results are (lines in the order the content
 * stream draws them, words with boxes, in the pixels of the page rendered through `viewport`), or
 * null when the page should be read from its pixels: it has no text, its text does not map to
 * Unicode, any of it is invisible (render modes 3 and 7), vertical or not horizontal, it has form
 * fields or other drawn annotations, or images cover more than 5% of it. Not detected: text
 * painted in the background colour.
 */
export async function readPdfTextLayer(page: PDFPageProxy, viewport: PageViewport, size: { width: number; height: number }): Promise<RecognitionResult | null> {
  // Filled-in form fields, stamps and free-text notes are drawn from annotations, which the text
  // content leaves out: such pages are read from their pixels, where they show.
  const annotations = (await page.getAnnotations()) as Array<{ subtype?: string }>;
  if (annotations.some((annotation) => !['Link', 'Popup'].includes(annotation.subtype ?? ''))) return null;
  const drawing = await page.getOperatorList();
  if (drawsInvisibleText(drawing.fnArray, drawing.argsArray) || imageCoverage(drawing.fnArray, drawing.argsArray, page.view) > maxImageCoverage) return null;

  const content = await page.getTextContent();
  const pieces: Piece[] = [];
  let characters = 0;
  let unmappableCharacters = 0;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const last = pieces.at(-1);
    if (item.str.trim() === '') {
      // pdf.js reports line ends as empty items; they end the line before them.
      if (item.hasEOL && last) pieces[pieces.length - 1] = { ...last, endsLine: true };
      continue;
    }
    // Vertical writing (CJK fonts in vertical mode) is reported one em wide: OCR reads it better.
    if (content.styles[item.fontName]?.vertical) return null;
    const [a, b, c, d, x, y] = Util.transform(viewport.transform, item.transform) as Matrix;
    const height = Math.hypot(c, d);
    // Rotated or mirrored text is left to OCR, which finds its orientation.
    if (a <= 0 || Math.abs(b) > 0.02 * height || Math.abs(c) > 0.02 * height) return null;
    const right = x + item.width * viewport.scale;
    // Text drawn outside the page (beyond the crop box) is not on the page anyone sees.
    if (right <= 0 || x >= size.width || y <= 0 || y - height >= size.height) continue;
    for (const character of item.str) {
      if (/\s/u.test(character)) continue;
      characters += 1;
      if (unmappable.test(character)) unmappableCharacters += 1;
    }
    pieces.push({ text: item.str, left: x, right, baseline: y, size: height, endsLine: item.hasEOL });
  }
  if (characters === 0 || unmappableCharacters > maxUnmappableShare * characters) return null;

  const lines = toLines(pieces, size);
  return { text: lines.map((line) => line.text).join('\n'), angle: 0, language: '', source: 'pdf-text-layer', lines, width: size.width, height: size.height, inputWidth: size.width, inputHeight: size.height };
}

function drawsInvisibleText(operators: readonly number[], args: readonly unknown[][]): boolean {
  // Modes 3 (neither fill nor stroke) and 7 (clip only) draw nothing.
  return operators.some((operator, i) => operator === OPS.setTextRenderingMode && [3, 7].includes(Number(args[i]?.[0])));
}

/** Share of the page's area that images are drawn over (overlaps counted twice: an upper bound). */
function imageCoverage(operators: readonly number[], args: readonly unknown[][], view: readonly number[]): number {
  const [x0, y0, x1, y1] = view as [number, number, number, number];
  const pageArea = (x1 - x0) * (y1 - y0);
  if (!(pageArea > 0)) return 1;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  let covered = 0;
  operators.forEach((operator, i) => {
    const operands = args[i] ?? [];
    if (operator === OPS.save) saved.push(ctm);
    else if (operator === OPS.restore) ctm = saved.pop() ?? ctm;
    else if (operator === OPS.transform) ctm = Util.transform(ctm, operands) as Matrix;
    else if (operator === OPS.paintFormXObjectBegin) {
      saved.push(ctm);
      if (Array.isArray(operands[0])) ctm = Util.transform(ctm, operands[0]) as Matrix;
    } else if (operator === OPS.paintFormXObjectEnd) ctm = saved.pop() ?? ctm;
    else if (imageOperators.has(operator)) {
      // An image fills the unit square of the current transformation.
      const corners = [[0, 0], [1, 0], [0, 1], [1, 1]].map(([u, v]) => Util.applyTransform([u!, v!], ctm) as [number, number]);
      const xs = corners.map(([x]) => Math.min(x1, Math.max(x0, x)));
      const ys = corners.map(([, y]) => Math.min(y1, Math.max(y0, y)));
      covered += (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
    }
  });
  return covered / pageArea;
}

interface LineDraft {
  readonly pieces: Piece[];
  paragraph: number;
}

/**
 * Pieces on one baseline that follow each other form a line; a far gap (another column) does not.
 * A smaller piece may sit higher or lower (a superscript or subscript is raised by ~0.33-0.4 em).
 */
function continuesLine(previous: Piece, next: Piece): boolean {
  const size = Math.max(previous.size, next.size);
  const raisedOrLowered = Math.min(previous.size, next.size) < 0.8 * size;
  const gap = next.left - previous.right;
  return !previous.endsLine && Math.abs(next.baseline - previous.baseline) <= (raisedOrLowered ? 0.5 : 0.3) * size && gap >= -0.5 * size && gap <= 2 * size;
}

function toLines(pieces: readonly Piece[], size: { width: number; height: number }): RecognizedLine[] {
  const drafts: LineDraft[] = [];
  for (const piece of pieces) {
    const current = drafts.at(-1);
    const previous = current?.pieces.at(-1);
    if (current && previous && continuesLine(previous, piece)) {
      current.pieces.push(piece);
      continue;
    }
    // A new paragraph where the text goes back up (another column) or leaves more than a blank line.
    const startsParagraph = !previous || piece.baseline < previous.baseline || piece.baseline - previous.baseline > 1.8 * Math.max(piece.size, previous.size);
    drafts.push({ pieces: [piece], paragraph: (current?.paragraph ?? 0) + (startsParagraph ? 1 : 0) });
  }
  return drafts.map((draft) => toLine(draft, size));
}

function toLine({ pieces, paragraph }: LineDraft, size: { width: number; height: number }): RecognizedLine {
  // Character by character, with where each one sits: words and their boxes come from these.
  const characters: Array<{ character: string; left: number; right: number }> = [];
  pieces.forEach((piece, i) => {
    const previous = pieces[i - 1];
    const hasSpace = /\s$/u.test(previous?.text ?? ' ') || /^\s/u.test(piece.text);
    if (previous && !hasSpace && piece.left - previous.right > 0.2 * piece.size) characters.push({ character: ' ', left: previous.right, right: piece.left });
    const glyphs = [...piece.text];
    // pdf.js gives a run's width, not each glyph's: the run is shared evenly among its characters.
    const advance = (piece.right - piece.left) / glyphs.length;
    glyphs.forEach((character, k) => characters.push({ character, left: piece.left + k * advance, right: piece.left + (k + 1) * advance }));
  });
  const lineSize = Math.max(...pieces.map((piece) => piece.size));
  const baseline = Math.max(...pieces.map((piece) => piece.baseline));
  // Typical Latin and CJK fonts: ascent ~0.8 and descent ~0.2 of the font size.
  const top = Math.min(...pieces.map((piece) => piece.baseline - 0.8 * piece.size));
  const bottom = baseline + 0.2 * lineSize;
  const boxOf = (left: number, right: number): Box => clampBox(left, top, right, bottom, size);

  const words: RecognizedWord[] = [];
  let start = -1;
  characters.forEach((entry, i) => {
    const inWord = !/\s/u.test(entry.character);
    if (inWord && start < 0) start = i;
    const endOfWord = start >= 0 && (!inWord || i === characters.length - 1);
    if (endOfWord) {
      const end = inWord ? i : i - 1;
      const run = characters.slice(start, end + 1);
      words.push({ text: run.map((c) => c.character).join(''), confidence: 100, box: boxOf(run[0]!.left, run.at(-1)!.right) });
      start = -1;
    }
  });
  const box = boxOf(Math.min(...pieces.map((piece) => piece.left)), Math.max(...pieces.map((piece) => piece.right)));
  return {
    text: characters.map((c) => c.character).join('').replace(/\s+/gu, ' ').trim(),
    confidence: 100,
    polygon: boxCorners(box),
    box,
    paragraph,
    words,
  };
}

function clampBox(left: number, top: number, right: number, bottom: number, size: { width: number; height: number }): Box {
  const x = Math.max(0, Math.min(size.width, Math.round(left)));
  const y = Math.max(0, Math.min(size.height, Math.round(top)));
  const x2 = Math.max(x, Math.min(size.width, Math.round(right)));
  const y2 = Math.max(y, Math.min(size.height, Math.round(bottom)));
  return { x, y, width: x2 - x, height: y2 - y };
}
