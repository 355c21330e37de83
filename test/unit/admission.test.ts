import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAdmission } from '../../main/engine/pool/admission.js';

test('admission: a bounded room, a bounded line served in order, refusals beyond, cancelling while in line', async () => {
  const admission = createAdmission(1, 2);
  const first = await admission.enter();
  assert.ok(first.ok);
  const order: string[] = [];
  const second = admission.enter().then((admitted) => (order.push('second'), admitted));
  const leaving = new AbortController();
  const third = admission.enter(leaving.signal);
  assert.equal(admission.waiting, 2);
  const refused = await admission.enter();
  assert.equal(!refused.ok && refused.error.code, 'QueueFull');
  leaving.abort();
  assert.equal(((await third) as { ok: false; error: { code: string } }).error.code, 'Cancelled');
  assert.equal(admission.waiting, 1);
  first.value();
  first.value(); // releasing twice frees one place only
  const admittedSecond = await second;
  assert.ok(admittedSecond.ok);
  assert.deepEqual(order, ['second']);
  const fourth = admission.enter();
  admission.close();
  assert.equal(((await fourth) as { ok: false; error: { code: string } }).error.code, 'EngineClosed');
  assert.equal(((await admission.enter()) as { ok: false; error: { code: string } }).error.code, 'EngineClosed');
});
