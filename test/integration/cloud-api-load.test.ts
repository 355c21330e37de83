import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { billingMonth } from '../../main/billing/calendar.js';
import { startTestServer, sdkClient, sdkErrorCode, type TestServer } from '../helpers/api-server.js';
import { corpusFolder } from '../helpers/fixture-corpus.js';
import { rawRequest } from '../helpers/signed-request.js';

// 200 concurrent signed requests from 10 keys through the official SDK, against 2 engine threads
// and a queue of 64: each answer is a success or a documented code, the ledger equals the
// successes, and the server is still up afterwards.
let server: TestServer;
before(async () => {
  server = await startTestServer({ workers: 2, maxQueue: 64 });
});
after(() => server.close());

/** What a request may end with under overload, besides success. */
const documentedUnderLoad = new Set(['RequestLimitExceeded']);

test('200 concurrent requests from 10 keys: successes or documented codes, a ledger equal to the successes, the server still up', async (t) => {
  const keys: Array<{ SecretId: string; SecretKey: string }> = [];
  for (let index = 0; index < 10; index += 1) {
    const key = await server.workspace.accounts.createKey();
    assert.ok(key.ok);
    keys.push(key.value);
  }
  const image = (await readFile(path.join(corpusFolder, 'hello-google.tif'))).toString('base64');
  const outcomes = await Promise.all(
    Array.from({ length: 200 }, (_, index) => sdkErrorCode(sdkClient(server.endpoint, keys[index % 10]!).GeneralBasicOCR({ ImageBase64: image, LanguageType: 'eng' }))),
  );
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const successes = counts.get('no error') ?? 0;
  t.diagnostic(`outcomes: ${JSON.stringify(Object.fromEntries(counts))}`);
  for (const [code] of counts) assert.ok(code === 'no error' || documentedUnderLoad.has(code), `undocumented outcome ${code}: ${JSON.stringify([...counts])}`);
  assert.ok(successes >= 64, `at least a queue's worth succeeded: ${JSON.stringify([...counts])}`);

  const basic = server.workspace.billing.packages().find((pack) => pack.service === 'general-basic')!;
  assert.equal(basic.used, successes, 'every success charged once, nothing else');
  const root = server.workspace.accounts.list().find((account) => account.root)!;
  const usage = await server.workspace.billing.usage(root, { month: billingMonth(new Date(), server.workspace.billing.timeZone()), by: 'month' });
  assert.ok(usage.ok);
  const calls = usage.value.filter((row) => row.service === 'general-basic').reduce((sum, row) => sum + row.calls, 0);
  assert.equal(calls, successes, 'the ledger holds the successes');
  assert.equal(await server.workspace.verifyLedger(), null, 'the chain holds');

  assert.deepEqual((await rawRequest(`${server.url}/healthz`, { method: 'GET' })).json(), { status: 'ok' });
  assert.equal(await sdkErrorCode(sdkClient(server.endpoint, keys[0]!).GeneralBasicOCR({ ImageBase64: image, LanguageType: 'eng' })), 'no error', 'and it still reads');
});
