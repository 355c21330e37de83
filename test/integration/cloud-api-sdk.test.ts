import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { generalTextResponse, handwritingResponse } from '../../shared/cloud-api/text-ocr-responses.js';
import type { Account } from '../../main/accounts/accounts.js';
import { startTestServer, sdkClient, sdkErrorCode, type TestServer, newKey } from '../helpers/api-server.js';
import { corpusFolder } from '../helpers/fixture-corpus.js';
import { meterCalls } from '../helpers/metered-calls.js';

// The official SDK against the real server on loopback: every action, both signature methods,
// and each failure the SDK must see as the cloud's code.
let server: TestServer;
let rootKey: { SecretId: string; SecretKey: string };
let root: Account;
const image = async (name: string) => (await readFile(path.join(corpusFolder, name))).toString('base64');

before(async () => {
  server = await startTestServer({ qps: { GeneralFastOCR: 1 } });
  rootKey = await newKey(server);
  root = server.workspace.accounts.list().find((account) => account.root)!;
});
after(() => server.close());

const words = (detections: ReadonlyArray<{ DetectedText: string }>) => detections.map((line) => line.DetectedText).join(' ');

test('GeneralBasicOCR through the SDK: the cloud response shape, the text, and one call charged', async () => {
  const answer = await sdkClient(server.endpoint, rootKey).GeneralBasicOCR({ ImageBase64: await image('phototest.tif'), LanguageType: 'eng', IsWords: true });
  const response = generalTextResponse.parse(answer);
  assert.match(words(response.TextDetections), /quick brown dog jumped over the\s+lazy fox/u);
  assert.equal(response.Language, 'eng');
  assert.equal(response.PdfPageSize, 0);
  assert.ok(response.TextDetections[0]!.Words.length > 3, 'IsWords fills Words');
  assert.deepEqual(JSON.parse(response.TextDetections[0]!.AdvancedInfo), { Parag: { ParagNo: 1 } });
  const basic = server.workspace.billing.packages().find((pack) => pack.service === 'general-basic')!;
  assert.equal(basic.used, 1, 'the first call of this server');
});

test('PDF pages: PdfPageNumber picks one, PdfPageSize counts them; an image is 0 pages whatever IsPdf says', async () => {
  const client = sdkClient(server.endpoint, rootKey);
  const second = generalTextResponse.parse(await client.GeneralBasicOCR({ ImageBase64: await image('derived-two-pages.pdf'), IsPdf: true, PdfPageNumber: 2, LanguageType: 'eng' }));
  assert.equal(second.PdfPageSize, 2);
  assert.match(words(second.TextDetections), /quick brown dog/u, 'page 2 (the same scan as page 1 in this fixture)');
  const png = generalTextResponse.parse(await client.GeneralBasicOCR({ ImageBase64: await image('node-tesseract.png'), IsPdf: true, LanguageType: 'eng' }));
  assert.equal(png.PdfPageSize, 0);
  assert.equal(await sdkErrorCode(client.GeneralBasicOCR({ ImageBase64: await image('derived-two-pages.pdf'), IsPdf: true, PdfPageNumber: 3 })), 'InvalidParameterValue.InvalidParameterValueLimit');
});

test('Polygon is in the image as sent, ItemPolygon in the corrected one: a page turned a quarter', async () => {
  const answer = generalTextResponse.parse(await sdkClient(server.endpoint, rootKey).GeneralBasicOCR({ ImageBase64: await image('phototest-rotated-R.png'), LanguageType: 'eng' }));
  assert.equal(Math.round(answer.Angle), 90, 'text running downwards: the page was turned a quarter clockwise');
  const first = answer.TextDetections[0]!;
  // The first line of the upright page runs down the right-hand side of the turned image.
  const xs = first.Polygon.map((point) => point.X);
  const ys = first.Polygon.map((point) => point.Y);
  assert.ok(Math.max(...ys) - Math.min(...ys) > 5 * (Math.max(...xs) - Math.min(...xs)), `a tall polygon in the turned image: ${JSON.stringify(first.Polygon)}`);
  assert.ok(first.ItemPolygon.Width > 5 * first.ItemPolygon.Height, 'a wide box in the corrected image');
  assert.equal(first.Polygon[1]!.Y - first.Polygon[0]!.Y, first.ItemPolygon.Width, 'the line\'s length is kept');
});

test('GeneralAccurateOCR, GeneralFastOCR and GeneralHandwritingOCR answer their own shapes', async () => {
  const client = sdkClient(server.endpoint, rootKey);
  const b64 = await image('phototest.tif');
  const accurate = generalTextResponse.parse(await client.GeneralAccurateOCR({ ImageBase64: b64, ConfigID: 'MulOCR' }));
  assert.match(words(accurate.TextDetections), /quick brown dog/u);
  assert.equal(accurate.TextDetections[0]!.Language, 'zh', 'MulOCR names each line\'s language (English: the cloud\'s zh)');
  const fast = generalTextResponse.parse(await client.GeneralFastOCR({ ImageBase64: b64 }));
  assert.match(words(fast.TextDetections), /quick brown dog/u);
  const handwriting = handwritingResponse.parse(await client.GeneralHandwritingOCR({ ImageBase64: b64, EnableWordPolygon: true }));
  assert.match(words(handwriting.TextDetections), /quick brown dog/u);
  assert.ok(handwriting.TextDetections[0]!.WordPolygon!.length > 3);
  const used = Object.fromEntries(server.workspace.billing.packages().map((pack) => [pack.service, pack.used]));
  assert.equal(used['general-accurate'], 1);
  assert.equal(used['general-fast'], 1);
  assert.equal(used['handwriting'], 1);
});

test('IDCardOCR on a page that is no identity card answers ImageNoIdCard, and a Config that is not JSON ConfigFormatError; neither costs anything', async () => {
  const client = sdkClient(server.endpoint, rootKey);
  assert.equal(await sdkErrorCode(client.IDCardOCR({ ImageBase64: await image('phototest.tif') })), 'FailedOperation.ImageNoIdCard');
  assert.equal(await sdkErrorCode(client.IDCardOCR({ ImageBase64: await image('phototest.tif'), Config: '{CropIdCard: true' })), 'InvalidParameter.ConfigFormatError');
  assert.equal(server.workspace.billing.packages().find((pack) => pack.service === 'idcard')!.used, 0);
});

test('the form signatures (HmacSHA256, HmacSHA1) are accepted by POST; GET cannot carry an image and says so', async () => {
  const b64 = await image('hello-google.tif');
  for (const signMethod of ['HmacSHA256', 'HmacSHA1']) {
    const answer = generalTextResponse.parse(await sdkClient(server.endpoint, rootKey, { signMethod }).GeneralBasicOCR({ ImageBase64: b64, LanguageType: 'eng', IsWords: false }));
    assert.match(words(answer.TextDetections), /Hello/iu, signMethod);
  }
  // Over the cloud's 32 KB query limit, and over the 64 KB of headers Node reads at all.
  for (const name of ['phototest.tif', 'unlv-8071_093.3B.tif']) {
    assert.equal(await sdkErrorCode(sdkClient(server.endpoint, rootKey, { reqMethod: 'GET' }).GeneralBasicOCR({ ImageBase64: await image(name) })), 'RequestSizeLimitExceeded', name);
  }
});

test('authentication failures reach the SDK as their own cloud codes', async () => {
  const b64 = await image('hello-google.tif');
  assert.equal(await sdkErrorCode(sdkClient(server.endpoint, { ...rootKey, SecretKey: 'x'.repeat(32) }).GeneralBasicOCR({ ImageBase64: b64 })), 'AuthFailure.SignatureFailure');
  assert.equal(await sdkErrorCode(sdkClient(server.endpoint, { ...rootKey, SecretId: `AKID${'0'.repeat(32)}` }).GeneralBasicOCR({ ImageBase64: b64 })), 'AuthFailure.SecretIdNotFound');
  const spare = await server.workspace.accounts.createKey();
  assert.ok(spare.ok);
  await server.workspace.accounts.setKeyStatus(spare.value.SecretId, 'disabled');
  assert.equal(await sdkErrorCode(sdkClient(server.endpoint, spare.value).GeneralBasicOCR({ ImageBase64: b64 })), 'AuthFailure.InvalidSecretId');

  const created = await server.workspace.accounts.create('scanner', { kind: 'services', services: ['general-fast'] });
  assert.ok(created.ok);
  const scannerKey = await server.workspace.accounts.createKey('scanner');
  assert.ok(scannerKey.ok);
  assert.equal(await sdkErrorCode(sdkClient(server.endpoint, scannerKey.value).GeneralBasicOCR({ ImageBase64: b64 })), 'AuthFailure.UnauthorizedOperation');
});

test('a request signed five minutes and more away from the server\'s clock is refused as expired', async () => {
  const skewed = await startTestServer({ clock: { now: () => new Date(Date.now() + 6 * 60_000) } });
  try {
    const key = await skewed.workspace.accounts.createKey();
    assert.ok(key.ok);
    assert.equal(await sdkErrorCode(sdkClient(skewed.endpoint, key.value).GeneralBasicOCR({ ImageBase64: await image('hello-google.tif') })), 'AuthFailure.SignatureExpire');
  } finally {
    await skewed.close();
  }
});

test('an exhausted package and a disabled service are refused with the cloud codes, before any recognition', async () => {
  // Use up handwriting's free package through the billing's own metering (real ledger entries).
  await meterCalls(server.workspace.billing, 'handwriting');
  assert.equal(server.workspace.billing.packages().find((pack) => pack.service === 'handwriting')!.remaining, 0);
  const b64 = await image('hello-google.tif');
  assert.equal(await sdkErrorCode(sdkClient(server.endpoint, rootKey).GeneralHandwritingOCR({ ImageBase64: b64 })), 'ResourceUnavailable.ResourcePackageRunOut');
  // With no paid calls left the service may be disabled (the seed's rule).
  const disabled = await server.workspace.billing.setServiceEnabled(root, 'handwriting', false);
  assert.ok(disabled.ok, disabled.ok ? '' : disabled.error.message);
  assert.equal(await sdkErrorCode(sdkClient(server.endpoint, rootKey).GeneralHandwritingOCR({ ImageBase64: b64 })), 'FailedOperation.UnOpenError');
});

test('requests over an action\'s QPS limit get RequestLimitExceeded; the limit is per key', async () => {
  // GeneralFastOCR is limited to 1 a second in this server; requests without an image are cheap.
  const client = sdkClient(server.endpoint, rootKey);
  const codes = await Promise.all(Array.from({ length: 4 }, () => sdkErrorCode(client.GeneralFastOCR({}))));
  assert.ok(codes.includes('RequestLimitExceeded'), codes.join());
  assert.ok(codes.includes('InvalidParameterValue.InvalidParameterValueLimit'), 'the first one in the second went through to validation');
});
