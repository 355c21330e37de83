/**
 * Makes the fixtures that no real image with ground truth exists for here, and says so in their
 * names: `synthetic-*` are text rendered with the Droid Sans Fallback font (no real Chinese image
 * with a transcription could be obtained on these machines); `derived-*` are real images turned
 * into the hard cases (transparent background, white on black). Run once; the outputs are
 * committed so tests do not depend on the fonts of the machine.
 *   node --import tsx scripts/make-derived-fixtures.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const corpus = path.resolve('test/fixtures/corpus');
const cjkFont = 'Droid Sans Fallback';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

async function renderLines(name: string, lines: string[], options: { size: number; width: number; lineGap: number; fg: string; bg: string; font?: string }) {
  const font = options.font ?? cjkFont;
  const height = Math.round(options.lineGap * lines.length + options.size);
  const texts = lines
    .map((line, i) => `<text x="${options.size * 0.6}" y="${Math.round(options.size * 1.1 + i * options.lineGap)}" font-size="${options.size}" font-family="${font}" fill="${options.fg}">${escapeXml(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${height}"><rect width="100%" height="100%" fill="${options.bg}"/>${texts}</svg>`;
  await sharp(Buffer.from(svg)).png().toFile(path.join(corpus, `${name}.png`));
  await writeFile(path.join(corpus, `${name}.gt.txt`), `${lines.join('\n')}\n`);
}

await renderLines(
  'synthetic-chi-sim-paragraph',
  [
    '离线文字识别让银行和医院在本地处理文件，',
    '图片不会离开内网，也不会写入磁盘。',
    '系统支持身份证、表格和二十种语言的印刷体，',
    '每一次调用都会计入本地资源包。',
  ],
  { size: 28, width: 640, lineGap: 44, fg: '#111111', bg: '#ffffff' },
);
await renderLines(
  'synthetic-chi-tra-paragraph',
  ['離線文字識別讓銀行和醫院在本地處理文件，', '圖片不會離開內網，也不會寫入磁碟。', '每一次呼叫都會計入本地資源包。'],
  { size: 28, width: 640, lineGap: 44, fg: '#111111', bg: '#ffffff' },
);
await renderLines('synthetic-chi-sim-crop-white-on-black', ['网络支付并无风险'], { size: 18, width: 200, lineGap: 26, fg: '#f0f0f0', bg: '#202020' });

// One paragraph per seed language no real image with a transcription was found for. Fonts:
// Debian's fonts-dejavu (Latin, Cyrillic), fonts-droid-fallback (Japanese), fonts-nanum (Korean),
// fonts-thai-tlwg (Thai).
const paragraph = { size: 28, width: 900, lineGap: 44, fg: '#111111', bg: '#ffffff' };
await renderLines('synthetic-jpn-paragraph', ['オフラインの文字認識は銀行や病院で使われます。', '画像は外部に送信されず、ディスクにも保存されません。'], paragraph);
await renderLines('synthetic-kor-paragraph', ['오프라인 문자 인식은 은행과 병원에서 사용됩니다.', '이미지는 외부로 전송되지 않습니다.'], { ...paragraph, font: 'NanumGothic' });
await renderLines('synthetic-rus-paragraph', ['Распознавание текста без подключения к сети.', 'Изображения никогда не покидают компьютер.'], { ...paragraph, font: 'DejaVu Serif' });
await renderLines('synthetic-deu-paragraph', ['Die Prüfung der Größe ergab übermäßige Schäden.', 'Ärzte und Behörden müssen schnell handeln.'], { ...paragraph, font: 'DejaVu Serif' });
await renderLines('synthetic-fra-paragraph', ["Les hôpitaux préfèrent l'exécution locale.", 'À côté de la fenêtre, un garçon lit déjà.'], { ...paragraph, font: 'DejaVu Serif' });
await renderLines('synthetic-spa-paragraph', ['El niño pidió una canción el año pasado.', '¿Dónde está la información? ¡Aquí mismo!'], { ...paragraph, font: 'DejaVu Serif' });
await renderLines('synthetic-tha-paragraph', ['การรู้จำข้อความแบบออฟไลน์สำหรับธนาคาร', 'รูปภาพจะไม่ถูกส่งออกไปภายนอก'], { ...paragraph, font: 'Garuda' });

// Vertical text, as in old books: columns top to bottom, read right to left.
async function renderVertical(name: string, columns: readonly string[]): Promise<void> {
  const size = 36;
  const gap = 60;
  const width = gap * columns.length + 40;
  const height = size * (Math.max(...columns.map((column) => [...column].length)) + 1);
  const glyphs = columns
    .flatMap((column, c) => [...column].map((char, i) => `<text x="${width - 20 - gap * (c + 1) + 10}" y="${30 + size * (i + 1)}" font-size="${size}" font-family="${cjkFont}">${char}</text>`))
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#ffffff"/>${glyphs}</svg>`;
  await sharp(Buffer.from(svg)).png().toFile(path.join(corpus, `${name}.png`));
  await writeFile(path.join(corpus, `${name}.gt.txt`), `${columns.join('\n')}\n`);
}
await renderVertical('synthetic-chi-tra-vertical', ['離線文字識別', '讓銀行和醫院', '在本地處理文件']);
await renderVertical('synthetic-chi-sim-vertical', ['离线文字识别', '让银行和医院', '在本地处理文件']);
await renderVertical('synthetic-jpn-vertical', ['縦書きの文字', '右から左へ読む', '古い本の頁']);

// Real text, hard backgrounds: the phototest page of tesseract.js's examples.
const source = await sharp(await readFile(path.join(corpus, 'testocr.png'))).greyscale().raw().toBuffer({ resolveWithObject: true });
const { width, height } = source.info;
const rgba = Buffer.alloc(width * height * 4);
for (let i = 0; i < width * height; i += 1) {
  // White text whose opacity is the darkness of the original ink; the background is fully transparent.
  rgba.fill(255, i * 4, i * 4 + 3);
  rgba[i * 4 + 3] = 255 - source.data[i]!;
}
await sharp(rgba, { raw: { width, height, channels: 4 } }).png().toFile(path.join(corpus, 'derived-testocr-white-on-transparent.png'));
await sharp(source.data, { raw: { width, height, channels: 1 } }).negate().png().toFile(path.join(corpus, 'derived-testocr-white-on-black.png'));
for (const name of ['derived-testocr-white-on-transparent', 'derived-testocr-white-on-black']) {
  await writeFile(path.join(corpus, `${name}.gt.txt`), await readFile(path.join(corpus, 'testocr.gt.txt')));
}
// BMP and WebP forms of a real page, for the intake tests (sharp writes no BMP, hence the small writer below).
const rgb = await sharp(await readFile(path.join(corpus, 'testocr.png'))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
await writeFile(path.join(corpus, 'derived-testocr.bmp'), encodeBmp24(rgb.data, rgb.info.width, rgb.info.height));
await sharp(await readFile(path.join(corpus, 'testocr.png'))).webp({ quality: 90 }).toFile(path.join(corpus, 'derived-testocr.webp'));


// A low-resolution scan: phototest at 40% (lines about 12 px), where upscaling decides the result.
await sharp(path.join(corpus, 'phototest.tif')).resize(256).png().toFile(path.join(corpus, 'derived-phototest-low-resolution.png'));

// A scanned two-page PDF (phototest, testocr as JPEG images at 100 dpi), written by hand below
// since no PDF writer is a dependency; qpdf made the encrypted copy:
//   qpdf --encrypt secret secret 256 -- derived-two-pages.pdf derived-encrypted.pdf
const pageJpegs = await Promise.all(
  ['phototest.tif', 'testocr.png'].map(async (file) => {
    const { data, info } = await sharp(path.join(corpus, file)).greyscale().jpeg({ quality: 90 }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  }),
);
await writeFile(path.join(corpus, 'derived-two-pages.pdf'), scannedPdf(pageJpegs, 100));
// A scan whose PDF also carries an invisible text layer (render mode 3) saying something else, as
// another OCR program would leave it: the image is what the page shows, so it must be read.
await writeFile(path.join(corpus, 'derived-scan-with-hidden-text.pdf'), scannedPdf(pageJpegs.slice(0, 1), 100, 'BT 3 Tr /F1 12 Tf 20 20 Td (HIDDEN WRONG WORDS) Tj ET'));

// A born-digital page (text drawn with a standard font, no image): its text layer is the text.
// Two columns on one baseline must come out column by column, as the content stream orders them.
const textLayerLines = [
  ['Invoice 2026-0117', 24, 72, 770],
  ['Bill to: Harbour Clinic, 12 Quay Street', 12, 72, 730],
  ['Caf\\351 M\\374ller, total due: 1,234.50 EUR', 12, 72, 714],
  ['Left column first line', 11, 72, 650],
  ['Left column second line', 11, 72, 636],
  ['Right column first line', 11, 320, 650],
  ['Right column second line', 11, 320, 636],
] as const;
const textContent = textLayerLines.map(([text, size, x, y]) => `BT /F1 ${size} Tf ${x} ${y} Td (${text}) Tj ET`).join('\n');
await writeFile(
  path.join(corpus, 'synthetic-text-layer.pdf'),
  assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${textContent.length} >>\nstream\n${textContent}\nendstream`,
  ]),
);
// The same page with a filled-in note (a FreeText annotation): annotations are not in the text
// layer, so this page must be read from its pixels.
await writeFile(
  path.join(corpus, 'synthetic-text-layer-annotated.pdf'),
  assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [6 0 R] >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${textContent.length} >>\nstream\n${textContent}\nendstream`,
    '<< /Type /Annot /Subtype /FreeText /Rect [72 500 300 530] /Contents (FILLED VALUE 42) /DA (/Helv 12 Tf 0 g) >>',
  ]),
);
await writeFile(
  path.join(corpus, 'synthetic-text-layer.gt.txt'),
  `${textLayerLines.map(([text]) => text.replace('\\351', 'é').replace('\\374', 'ü')).join('\n')}\n`,
);

/**
 * A minimal PDF whose pages are full-page greyscale JPEG images (one XObject each), optionally
 * with more content drawn over them (in Helvetica as /F1).
 */
function scannedPdf(pages: ReadonlyArray<{ data: Buffer; width: number; height: number }>, dpi: number, overlay = ''): Buffer {
  const objects: Array<Buffer | string> = [];
  const pageIds = pages.map((_, i) => 3 + i * 3);
  const fontId = 3 + pages.length * 3;
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  pages.forEach((page, i) => {
    const [w, h] = [(page.width * 72) / dpi, (page.height * 72) / dpi];
    const id = pageIds[i]!;
    const font = overlay ? ` /Font << /F1 ${fontId} 0 R >>` : '';
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${id + 1} 0 R >>${font} >> /Contents ${id + 2} 0 R >>`);
    objects.push(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.data.length} >>\nstream\n`, 'latin1'), page.data, Buffer.from('\nendstream', 'latin1')]));
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q${overlay ? `\n${overlay}` : ''}`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  if (overlay) objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  return assemblePdf(objects);
}

/** Numbers the objects from 1 (the first must be the catalogue) and writes the cross-reference table. */
function assemblePdf(bodies: ReadonlyArray<Buffer | string>): Buffer {
  const objects = bodies.map((body) => (Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1')));
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

function encodeBmp24(rgbData: Buffer, w: number, h: number): Buffer {
  const rowSize = Math.ceil((w * 3) / 4) * 4;
  const file = Buffer.alloc(54 + rowSize * h);
  file.write('BM', 0, 'ascii');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(w, 18);
  file.writeInt32LE(h, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(rowSize * h, 34);
  for (let y = 0; y < h; y += 1) {
    const row = 54 + (h - 1 - y) * rowSize;
    for (let x = 0; x < w; x += 1) {
      const src = (y * w + x) * 3;
      file[row + x * 3] = rgbData[src + 2]!;
      file[row + x * 3 + 1] = rgbData[src + 1]!;
      file[row + x * 3 + 2] = rgbData[src]!;
    }
  }
  return file;
}
