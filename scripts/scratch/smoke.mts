import sharp from 'sharp';
import { createTesseractWorker } from '../../main/engine/tesseract/tesseract-worker.js';
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="200"><rect width="100%" height="100%" fill="white"/><text x="20" y="80" font-size="40" font-family="DejaVu Sans">Invoice 2024 Total 1234</text><text x="20" y="150" font-size="40" font-family="Noto Sans CJK SC">网络支付并无</text></svg>`;
const png = await sharp(Buffer.from(svg)).png().toBuffer();
await sharp(png).toFile('/tmp/scratch/a.png');
const t0 = Date.now();
const w = await createTesseractWorker({ languages: ['chi_sim','eng'], mode: 1, modelsFolder: '/work/main/assets/tessdata', variant: '4.0.0_best_int' });
console.log('create', Date.now() - t0, w.ok);
if (!w.ok) { console.log(w.error); process.exit(1); }
const grey = await sharp(png).greyscale().raw().toBuffer({resolveWithObject:true});
const pgm = Buffer.concat([Buffer.from(`P5\n${grey.info.width} ${grey.info.height}\n255\n`), grey.data]);
const t1 = Date.now();
const r = await w.value.recognize({ image: pgm, parameters: { rotateAuto: true } });
console.log('rec', Date.now() - t1, JSON.stringify(r).slice(0, 1500));
const o = await createTesseractWorker({ languages: ['osd'], mode: 0, modelsFolder: '/work/main/assets/tessdata', variant: '4.0.0' });
console.log(o.ok, o.ok ? await o.value.detectOrientation(pgm) : o.error);
await w.value.terminate(); if (o.ok) await o.value.terminate();
console.log('done');
