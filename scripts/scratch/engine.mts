import sharp from 'sharp';
import { createEngine } from '../../main/engine/create-engine.js';
const lines = Array.from({length: 12}, (_, i) => `<text x="40" y="${60 + i*45}" font-size="30" font-family="DejaVu Serif">Line ${i}: The quick brown fox jumps over the lazy dog again.</text>`).join('');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="620"><rect width="100%" height="100%" fill="white"/>${lines}</svg>`;
const png = await sharp(Buffer.from(svg)).png().toBuffer();
const engine = createEngine({ workers: 2 });
for (const deg of [0, 90, 2]) {
  const img = await sharp(png).rotate(deg, { background: '#fff' }).png().toBuffer();
  const t = Date.now();
  const r = await engine.recognize({ kind: 'bytes', bytes: img }, { language: 'auto' });
  console.log(deg, Date.now() - t, 'ms', r.ok ? JSON.stringify({ angle: r.value[0]!.result.angle, lang: r.value[0]!.result.language, text: r.value[0]!.result.text.slice(0, 120), l0: r.value[0]!.result.lines[0]?.box }) : r.error);
}
const tiny = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="280" height="32"><rect width="100%" height="100%" fill="black"/><text x="5" y="23" font-size="18" fill="white" font-family="Noto Sans CJK SC">网络支付并无任何风险</text></svg>`)).png().toBuffer();
for (const pre of [{}, { invert: false }, { rescale: false }, { pad: false }]) {
  const r = await engine.recognize({ kind: 'bytes', bytes: tiny }, { language: 'zh', preprocess: pre });
  console.log('tiny', JSON.stringify(pre), r.ok ? r.value[0]!.result.text : r.error);
}
console.log(engine.stats());
await engine.close();
console.log(engine.stats());
