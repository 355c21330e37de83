/**
 * The macOS tray icon pair, `assets/icons/trayTemplate.png` (16x16) and `trayTemplate@2x.png`
 * (32x32), made from `assets/icons/tray.png`: a template image is black with alpha (macOS draws
 * it in the menu bar's colour, light or dark, from the alpha alone), so the blue square becomes
 * black and the white letters are cut out of it. Electron takes the @2x file on Retina screens and
 * treats the image as a template because its name ends in "Template".
 * Run: node --import tsx scripts/make-tray-template.ts (the PNGs are committed).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const icons = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'icons');
const { data, info } = await sharp(path.join(icons, 'tray.png')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
if (info.width !== 32 || info.height !== 32) throw new Error(`tray.png is ${info.width}x${info.height}; the template pair is made from a 32x32 image`);

// How white a pixel is, from its darkest channel: the square's blue (31,111,235) is 0, the letters 1.
const blue = 31;
const template = Buffer.alloc(info.width * info.height * 4);
for (let pixel = 0; pixel < info.width * info.height; pixel += 1) {
  const [r = 0, g = 0, b = 0, a = 0] = data.subarray(pixel * 4, pixel * 4 + 4);
  const whiteness = Math.min(1, Math.max(0, (Math.min(r, g, b) - blue) / (255 - blue)));
  template[pixel * 4 + 3] = Math.round(a * (1 - whiteness));
}
const raw = { raw: { width: info.width, height: info.height, channels: 4 as const } };
await sharp(template, raw).png({ compressionLevel: 9 }).toFile(path.join(icons, 'trayTemplate@2x.png'));
await sharp(template, raw).resize(16, 16, { kernel: 'lanczos3' }).png({ compressionLevel: 9 }).toFile(path.join(icons, 'trayTemplate.png'));
console.log(`make-tray-template: ${path.join(icons, 'trayTemplate.png')} (16x16) and trayTemplate@2x.png (32x32)`);
