import { readFileSync } from 'node:fs';
import { decodeImage } from '../../main/engine/intake/decode-image.js';
import { defaultImageLimits } from '../../main/engine/intake/image-limits.js';
import { analysePage } from '../../main/engine/preprocess/analyse-page.js';
for (const f of ['digits-12.tif','digits-808.tif','hello-google.tif','node-tesseract.png','synthetic-chi-sim-crop-white-on-black.png','inverted-text.tif','unlv-8071_093.3B.tif','rust-screenshot.png','tyger.jpg','eurotext.tif']) {
  const d = await decodeImage(readFileSync('test/fixtures/corpus/' + f), defaultImageLimits);
  if (d.ok) console.log(f, d.value[0]!.width, d.value[0]!.height, JSON.stringify(analysePage(d.value[0]!)));
}
