import sharp from 'sharp';
import { createTesseractWorker } from '../../main/engine/tesseract/tesseract-worker.js';
import { toPgm } from '../../main/engine/intake/grey-image.js';
const lines = Array.from({length: 12}, (_, i) => `<text x="40" y="${60 + i*45}" font-size="30" font-family="DejaVu Serif">Line ${i}: The quick brown fox jumps over the lazy dog again.</text>`).join('');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="620"><rect width="100%" height="100%" fill="white"/>${lines}</svg>`;
const png = await sharp(Buffer.from(svg)).png().toBuffer();
const o = await createTesseractWorker({ languages: ['osd'], mode: 0, modelsFolder: 'assets/tessdata', variant: '4.0.0' });
const w = await createTesseractWorker({ languages: ['eng'], mode: 1, modelsFolder: 'assets/tessdata', variant: '4.0.0_best_int' });
if (!o.ok || !w.ok) throw new Error('x');
for (const deg of [0, 90, 180, 270, 3, -3]) {
  const { data, info } = await sharp(png).rotate(deg, { background: '#fff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const img = toPgm({ data, width: info.width, height: info.height });
  const t = Date.now();
  const d = await o.value.detectOrientation(img);
  const dt = Date.now() - t;
  const r = Math.abs(deg) < 10 ? await w.value.recognize({ image: img, parameters: { rotateAuto: true } }) : null;
  console.log('sharp rotate cw', deg, JSON.stringify(d), dt, 'ms', r && r.ok ? r.value.rotateRadians * 180 / Math.PI : '');
}
await o.value.terminate(); await w.value.terminate();
