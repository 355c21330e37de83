import sharp from 'sharp';
const f = 'test/fixtures/corpus/multipage.tiff';
try { console.log(await sharp(f).metadata()); } catch (e) { console.log('meta0', (e as Error).message); }
for (const p of [0,1,2]) { try { const m = await sharp(f, { page: p }).metadata(); console.log(p, m.width, m.height, m.pages, m.compression); await sharp(f, {page:p}).raw().toBuffer(); console.log('ok', p) } catch (e) { console.log('page', p, (e as Error).message); } }
