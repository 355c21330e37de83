import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { OpenedImage } from './opened-image.js';
import type { GreyImage } from './grey-image.js';
import { toGrey } from './grey-pipeline.js';
import type { ImageLimits } from './image-limits.js';
import { readPdfTextLayer } from './pdf-text-layer.js';

type RenderContext = Parameters<PDFPageProxy['render']>[0]['canvasContext'];
type PdfErrorCode = 'PdfEncrypted' | 'PdfParseFailed' | 'ImageTooLarge';

/** Scans are read best at 300 dpi; PDF user space is 72 units an inch. */
const renderScale = 300 / 72;

const pdfjsFolder = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * Opens a PDF with pdf.js (Apache-2.0; mupdf is AGPL) and renders its pages, one at a time, at
 * 300 dpi onto a white page, or smaller when a page would exceed the pixel limit. Fonts and CMaps
 * come from the pdfjs-dist package: nothing is fetched. A born-digital page's own text is offered
 * too (pdf-text-layer.ts).
 */
export async function openPdf(bytes: Uint8Array, limits: ImageLimits): Promise<Result<OpenedImage, PdfErrorCode>> {
  let document: PDFDocumentProxy;
  try {
    document = await getDocument({
      // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      standardFontDataUrl: `${path.join(pdfjsFolder, 'standard_fonts')}${path.sep}`,
      cMapUrl: `${path.join(pdfjsFolder, 'cmaps')}${path.sep}`,
      cMapPacked: true,
      // An image inside a PDF larger than this is not decoded (pdf.js draws nothing for it): a
      // 390 KB PDF holding one 20000 x 20000 image otherwise took 5 GB and 16 s of main thread.
      maxImageSize: limits.maxPixels,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') return fail('PdfEncrypted', 'The PDF is password-protected; remove the password and send it again.');
    return fail('PdfParseFailed', `The PDF is damaged or truncated: ${(error as Error).message ?? String(error)}.`);
  }
  if (document.numPages > limits.maxPages) {
    await document.destroy();
    return fail('ImageTooLarge', `The PDF has ${document.numPages} pages; at most ${limits.maxPages} are read from one file. Split it into smaller files.`);
  }
  // The pixels all pages will be rendered at count against the file's budget, as a TIFF's do.
  let totalPixels = 0;
  try {
    for (let index = 0; index < document.numPages; index += 1) {
      const { width, height } = renderSize(await document.getPage(index + 1), limits);
      totalPixels += width * height;
    }
  } catch (error) {
    await document.destroy();
    return fail('PdfParseFailed', `The PDF is damaged: ${(error as Error).message ?? String(error)}.`);
  }
  if (totalPixels > limits.maxTotalPixels) {
    await document.destroy();
    return fail('ImageTooLarge', `The PDF's pages hold ${(totalPixels / 1e6).toFixed(0)} megapixels in all at 300 dpi; the limit is ${(limits.maxTotalPixels / 1e6).toFixed(0)}.`);
  }
  return ok({
    pageCount: document.numPages,
    decodePage: (index) => renderPage(document, index, limits),
    readTextLayer: async (index) => {
      let page: PDFPageProxy | null = null;
      try {
        page = await document.getPage(index + 1);
        const { viewport, width, height } = renderSize(page, limits);
        return await readPdfTextLayer(page, viewport, { width, height });
      } catch {
        // A text layer pdf.js cannot read is no reason to fail: the page is rendered and read.
        return null;
      } finally {
        page?.cleanup();
      }
    },
    close: () => document.destroy(),
  });
}

async function renderPage(document: PDFDocumentProxy, index: number, limits: ImageLimits): Promise<Result<GreyImage, 'PdfParseFailed'>> {
  try {
    const page = await document.getPage(index + 1);
    const { viewport, width, height } = renderSize(page, limits);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    // pdf.js types its context as the DOM's; @napi-rs/canvas implements the same drawing API.
    await page.render({ canvasContext: context as unknown as RenderContext, viewport }).promise;
    const rgba = Buffer.from(context.getImageData(0, 0, width, height).data.buffer);
    page.cleanup();
    return ok(await toGrey(sharp(rgba, { raw: { width, height, channels: 4 } }).removeAlpha()));
  } catch (error) {
    return fail('PdfParseFailed', `Page ${index + 1} of the PDF could not be rendered: ${(error as Error).message ?? String(error)}.`);
  }
}

/** 300 dpi, or less where a page would exceed the per-page pixel or side limit. */
function renderSize(page: PDFPageProxy, limits: ImageLimits) {
  const natural = page.getViewport({ scale: 1 });
  const scale = Math.min(renderScale, Math.sqrt(limits.maxPixels / (natural.width * natural.height)), limits.maxSide / Math.max(natural.width, natural.height));
  const viewport = page.getViewport({ scale });
  return { viewport, width: Math.max(1, Math.floor(viewport.width)), height: Math.max(1, Math.floor(viewport.height)) };
}
