import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../main/platform/clock.js';
import { openDataStore, type DataStore } from '../../main/store/data-store.js';
import { currentSchemaVersion } from '../../main/store/state-schema.js';

type Usage = { call: number; service: string };
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-store-'));
after(() => rm(scratch, { recursive: true, force: true }));
let directories = 0;
const freshDirectory = () => path.join(scratch, `data-${(directories += 1)}`);

/** Everything `original` held is in `actual` unchanged; an upgrade may add fields to objects, never drop or change one. */
function assertKept(actual: unknown, original: unknown, where: string): void {
  if (original !== null && typeof original === 'object' && !Array.isArray(original)) {
    assert.ok(actual !== null && typeof actual === 'object', `${where} is still an object`);
    for (const [key, value] of Object.entries(original)) assertKept((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
  } else assert.deepEqual(actual, original, `${where} kept`);
}

/** A clock the test moves by hand. */
function manualClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => new Date(now), set: (iso) => (now = new Date(iso)) };
}

async function open(directory: string, clock: Clock = manualClock('2026-11-25T10:00:00Z'), segmentEntries?: number) {
  return openDataStore<Usage>({ directory, clock, role: 'test', ledger: segmentEntries ? { segmentEntries } : {} });
}

async function opened(directory: string, clock?: Clock, segmentEntries?: number): Promise<DataStore<Usage>> {
  const store = await open(directory, clock, segmentEntries);
  assert.ok(store.ok, store.ok ? '' : `${store.error.code}: ${store.error.message}`);
  return store.value;
}

test('first run creates db.json; updates persist across reopening; a second owner is refused', async () => {
  const directory = freshDirectory();
  const store = await opened(directory);
  assert.equal(store.state.state.schemaVersion, currentSchemaVersion);
  assert.equal(store.state.state.createdAt, '2026-11-25T10:00:00.000Z');
  const second = await open(directory);
  assert.equal(!second.ok && second.error.code, 'StoreLocked');
  await Promise.all(Array.from({ length: 20 }, (_, i) => store.state.update((state) => void (state.ledgerCheckpoint = { entries: i, lastHash: String(i) }))));
  await store.close();
  const again = await opened(directory);
  assert.deepEqual(again.state.state.ledgerCheckpoint, { entries: 19, lastHash: '19' }, 'updates applied in call order, the last one kept');
  await again.close();
  assert.deepEqual((await readdir(directory)).sort(), ['db.json', 'db.last-good.json', 'ledger']);
});

test('a damaged db.json is never replaced: opening refuses and says how to restore', async () => {
  const directory = freshDirectory();
  const store = await opened(directory);
  await store.state.update((state) => void (state.ledgerCheckpoint = { entries: 7, lastHash: 'abc' }));
  await store.close();
  const file = path.join(directory, 'db.json');
  const good = await readFile(file, 'utf8');
  await writeFile(file, good.slice(0, good.length / 2));
  const refused = await open(directory);
  assert.equal(!refused.ok && refused.error.code, 'StoreCorrupt');
  assert.match(!refused.ok ? refused.error.message : '', /damaged.*db\.last-good\.json.*copy it over db\.json/su);
  assert.equal((await readFile(file, 'utf8')).length, Math.floor(good.length / 2), 'left as it was');
  // The advice works: the last good copy opens (it is the version before the last update).
  await copyFile(path.join(directory, 'db.last-good.json'), file);
  const restored = await opened(directory);
  assert.equal(restored.state.state.schemaVersion, currentSchemaVersion);
  await restored.close();

  await rm(file);
  const missing = await open(directory);
  assert.equal(!missing.ok && missing.error.code, 'StoreCorrupt', 'a missing db.json beside a previous copy is not a first run');
});

test('every older schema version opens without losing data; a newer one is refused', async () => {
  const fixtures = path.join(repoRoot, 'test', 'fixtures', 'store');
  for (const name of (await readdir(fixtures)).filter((file) => /^db-v\d+\.json$/u.test(file))) {
    const directory = freshDirectory();
    const original = JSON.parse(await readFile(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;
    await opened(directory).then((store) => store.close());
    await writeFile(path.join(directory, 'db.json'), JSON.stringify(original));
    const store = await opened(directory);
    assert.equal(store.state.state.schemaVersion, currentSchemaVersion, name);
    assert.equal(store.state.state.createdAt, original['createdAt'], name);
    assert.deepEqual(store.state.state.ledgerCheckpoint, original['ledgerCheckpoint'], name);
    for (const [field, value] of Object.entries(original)) {
      if (field !== 'schemaVersion') assertKept((store.state.state as unknown as Record<string, unknown>)[field], value, `${name}: ${field}`);
    }
    await store.close();
    // The file as it was before the upgrade is kept beside the upgraded one.
    assert.deepEqual(JSON.parse(await readFile(path.join(directory, `db.v${original['schemaVersion']}.json`), 'utf8')), original, name);
    const reopened = await opened(directory);
    assert.equal(reopened.state.state.schemaVersion, currentSchemaVersion, `${name}: the upgrade was written`);
    await reopened.close();
  }
  const directory = freshDirectory();
  await opened(directory).then((store) => store.close());
  await writeFile(path.join(directory, 'db.json'), JSON.stringify({ schemaVersion: 99, createdAt: '2030-01-01T00:00:00Z' }));
  const refused = await open(directory);
  assert.equal(!refused.ok && refused.error.code, 'StoreTooNew');
});

test('the ledger chains entries across segments, continues after reopening, and flags a clock moved back', async () => {
  const directory = freshDirectory();
  const clock = manualClock('2026-11-25T10:00:00Z');
  const store = await opened(directory, clock, 100);
  for (let call = 1; call <= 250; call += 1) assert.ok((await store.ledger.append({ call, service: 'general-basic' }, clock.now())).ok);
  await store.close();
  assert.deepEqual(await readdir(path.join(directory, 'ledger')), ['segment-00000001.jsonl', 'segment-00000002.jsonl', 'segment-00000003.jsonl']);
  const again = await opened(directory, clock, 100);
  assert.equal(again.ledger.entries, 250);
  clock.set('2026-11-25T09:00:00Z');
  const appended = await again.ledger.append({ call: 251, service: 'general-basic' }, clock.now());
  assert.ok(appended.ok && appended.value.seq === 251 && appended.value.clockWentBack);
  assert.equal(await again.ledger.verify(), null);
  const calls: number[] = [];
  for await (const entry of again.ledger.entriesFrom(240)) calls.push(entry.data.call);
  assert.deepEqual(calls, Array.from({ length: 12 }, (_, i) => 240 + i));
  await again.close();
});

test('an edited or deleted ledger entry is detected; a line torn by a crash is cut off', async () => {
  const directory = freshDirectory();
  const store = await opened(directory);
  for (let call = 1; call <= 5; call += 1) await store.ledger.append({ call, service: 'idcard' }, new Date('2026-11-25T10:00:00Z'));
  await store.close();
  const segment = path.join(directory, 'ledger', 'segment-00000001.jsonl');
  const original = await readFile(segment, 'utf8');

  await writeFile(segment, original.replace('"call":3', '"call":0'));
  let store2 = await opened(directory);
  assert.deepEqual(await store2.ledger.verify(), { file: segment, line: 3, problem: 'entry 3 was changed after it was written' });
  await store2.close();

  const lines = original.split('\n');
  await writeFile(segment, [...lines.slice(0, 1), ...lines.slice(2)].join('\n'));
  store2 = await opened(directory);
  assert.deepEqual(await store2.ledger.verify(), { file: segment, line: 2, problem: 'entry 2 is missing (found 3)' });
  await store2.close();

  await writeFile(segment, original);
  await appendFile(segment, '{"seq":6,"at":"2026-11-25T10:0');
  store2 = await opened(directory);
  assert.equal(store2.ledger.entries, 5);
  assert.match(store2.ledger.repaired.join(), /cut off 30 characters/u);
  assert.equal(await store2.ledger.verify(), null);
  assert.equal(await readFile(segment, 'utf8'), original);
  await store2.close();
});

test('a process killed with SIGKILL while metering loses no committed call; its stale lock is taken over', async () => {
  const directory = freshDirectory();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'helpers', 'ledger-writer.ts'), directory], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let reported = 0;
  let buffered = '';
  // Everything the child printed, including what was still in the pipe when it died.
  const drained = new Promise<void>((resolve) => child.stdout.once('end', () => resolve()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout.on('data', async (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') {
        const whileRunning = await open(directory);
        assert.equal(!whileRunning.ok && whileRunning.error.code, 'StoreLocked');
        assert.match(!whileRunning.ok ? whileRunning.error.message : '', new RegExp(`crash-test, process ${child.pid}`, 'u'));
      } else reported = Number(line);
    }
    if (reported >= 200 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
  });
  const code = await exited;
  await drained;
  assert.ok(reported >= 200, `the writer exited early (${code})`);
  const store = await opened(directory);
  // Every call the child reported is there; at most the one in flight was committed unreported.
  assert.ok(store.ledger.entries >= reported && store.ledger.entries <= reported + 1, `${store.ledger.entries} entries, ${reported} reported`);
  assert.equal(await store.ledger.verify(), null);
  let expected = 1;
  for await (const entry of store.ledger.entriesFrom()) assert.equal((entry.data as unknown as { requestId: string }).requestId, `call-${expected++}`);
  await store.close();
});

test('processes starting at once: exactly one owns the directory; a lock of a dead or reused pid is taken over', async () => {
  const directory = freshDirectory();
  await opened(directory).then((store) => store.close());
  for (let round = 0; round < 3; round += 1) {
    const contenders = Array.from({ length: 5 }, () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'helpers', 'lock-contender.ts'), directory], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
        let said = '';
        child.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
        child.once('exit', () => resolve(said.trim()));
      }),
    );
    const said = await Promise.all(contenders);
    assert.equal(said.filter((line) => line === 'won').length, 1, `round ${round}: ${said.join(', ')}`);
    assert.ok(said.filter((line) => line !== 'won').every((line) => line === 'lost StoreLocked'), said.join(', '));
  }
  const lockFile = path.join(directory, 'ocr-desk.lock');
  // A running process (this test's parent) whose start time is not the recorded one: a reused pid.
  await writeFile(lockFile, JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z', role: 'serve', processStart: 1 }));
  const reused = await opened(directory);
  await reused.close();
  // This very pid, not held by this process: left by an earlier process with the same pid.
  await writeFile(lockFile, JSON.stringify({ pid: process.pid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z', role: 'serve', processStart: null }));
  const samePid = await opened(directory);
  await samePid.close();
});
