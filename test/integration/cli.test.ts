import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { corpusPath } from '../helpers/fixture-corpus.js';
import { gifWithFrames } from '../helpers/crafted-images.js';
import ExcelJS from 'exceljs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let scratch = '';

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-cli-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

/** Runs the CLI as a user would (`npx ocr-desk` resolves to this bin); never rejects. */
function ocrDesk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin/ocr-desk.js'), ...args], { cwd: scratch }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

test('--format json prints one record per file or page, in input order, and exits 1 when any failed', async () => {
  const animated = path.join(scratch, 'b.gif');
  await writeFile(animated, gifWithFrames(3));
  const notes = path.join(scratch, 'notes.png');
  await writeFile(notes, 'a text file with an image name');
  const { code, stdout } = await ocrDesk(['recognize', '--lang', 'eng', '--format', 'json', corpusPath('phototest.tif'), animated, notes, corpusPath('derived-two-pages.tif')]);
  assert.equal(code, 1);
  const records = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(records.length, 5);
  const [photo, gif, text, page1, page2] = records;
  assert.deepEqual(Object.keys(photo), ['file', 'page', 'pageCount', 'ok', 'result']);
  assert.equal(photo.file, corpusPath('phototest.tif'));
  assert.equal(photo.page, 1);
  assert.equal(photo.ok, true);
  for (const key of ['text', 'angle', 'language', 'lines']) assert.ok(key in photo.result, key);
  const line = photo.result.lines[0];
  assert.deepEqual(Object.keys(line), ['text', 'confidence', 'polygon', 'box', 'paragraph', 'words']);
  assert.equal(line.polygon.length, 4);
  assert.deepEqual(Object.keys(line.box), ['x', 'y', 'width', 'height']);
  assert.deepEqual(Object.keys(line.words[0]), ['text', 'confidence', 'box']);
  assert.deepEqual(gif, { file: animated, ok: false, error: { code: 'AnimatedGifUnsupported', message: gif.error.message } });
  assert.equal(text.error.code, 'UnsupportedFormat');
  assert.deepEqual([page1.page, page2.page], [1, 2]);
});

test('folders are walked: images by their bytes are read, other files skipped, results in order', async () => {
  const folder = path.join(scratch, 'scans');
  await mkdir(path.join(folder, 'inner'), { recursive: true });
  await copyFile(corpusPath('phototest.tif'), path.join(folder, 'a-page'));
  await copyFile(corpusPath('node-tesseract.png'), path.join(folder, 'inner', 'line.png'));
  await writeFile(path.join(folder, 'readme.txt'), 'not an image');
  const { code, stdout, stderr } = await ocrDesk(['recognize', '--lang', 'eng', folder]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /==> .*a-page <==\nThis is a lot of 12 point text/);
  assert.match(stdout, /==> .*line\.png <==\nnode-tesseract/);
  assert.match(stderr, /2 of 2 files recognised .* 1 non-image files skipped/);
});

test('--out writes one result file per input', async () => {
  const out = path.join(scratch, 'out');
  const { code } = await ocrDesk(['recognize', '--lang', 'eng', '--out', out, corpusPath('phototest.tif'), corpusPath('hello-google.tif')]);
  assert.equal(code, 0);
  assert.deepEqual((await readdir(out)).sort(), ['hello-google.txt', 'phototest.txt']);
  assert.match(await readFile(path.join(out, 'hello-google.txt'), 'utf8'), /Hello Google/);
  const json = await ocrDesk(['recognize', '--lang', 'eng', '--format', 'json', '--out', out, corpusPath('hello-google.tif')]);
  assert.equal(json.code, 0);
  const record = JSON.parse(await readFile(path.join(out, 'hello-google.jsonl'), 'utf8'));
  assert.equal(record.result.text, 'Hello Google');
});

test('usage errors exit 2 with a message; a missing file is a clear failure', async () => {
  const badFormat = await ocrDesk(['recognize', '--format', 'xml', 'x.png']);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format must be text or json/);
  assert.equal((await ocrDesk(['frobnicate'])).code, 2);
  assert.equal((await ocrDesk(['recognize'])).code, 2);
  const badLanguage = await ocrDesk(['recognize', '--lang', 'xx', corpusPath('phototest.tif')]);
  assert.equal(badLanguage.code, 1);
  assert.match(badLanguage.stderr, /Language "xx" is not supported.*\[LanguageNotSupported\]/);
  const missing = await ocrDesk(['recognize', 'nowhere.png']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nowhere\.png does not exist/);
});

test('Ctrl+C stops a batch promptly: the running page is cancelled, the rest is not tried, exit code 130', async () => {
  const folder = path.join(scratch, 'big-batch');
  await mkdir(folder, { recursive: true });
  for (let i = 1; i <= 6; i += 1) await copyFile(corpusPath('unlv-8071_093.3B.tif'), path.join(folder, `page-${i}.tif`));
  const child = spawn(process.execPath, [path.join(root, 'bin/ocr-desk.js'), 'recognize', '--lang', 'eng', '--workers', '1', folder], { cwd: scratch });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Wait until the engine is busy with the first page, then interrupt as a terminal would.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const interrupted = Date.now();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 130, stderr);
  assert.ok(Date.now() - interrupted < 5000, 'it stops within seconds, not after the batch');
  assert.match(stderr, /not read \(cancelled\)/);
});

test('a reader that stops early (| head) does not crash the CLI', async () => {
  const pages = Array.from({ length: 6 }, () => corpusPath('phototest.tif'));
  const child = spawn(process.execPath, [path.join(root, 'bin/ocr-desk.js'), 'recognize', '--lang', 'eng', '--workers', '1', '--format', 'json', ...pages], { cwd: scratch });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Read the first bytes, then close the pipe as `head -c 10` would.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '', 'quietly: no stack trace, no cancellation summary');
});

test('per-page failures of a multi-page TIFF are records of their own, and on stderr', async () => {
  const { code, stdout, stderr } = await ocrDesk(['recognize', '--lang', 'eng', '--format', 'json', '--timeout', '0.001', corpusPath('derived-two-pages.tif')]);
  assert.equal(code, 1);
  const records = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(
    records.map((record) => [record.page, record.ok, record.error?.code]),
    [
      [1, false, 'Timeout'],
      [2, false, 'Timeout'],
    ],
  );
  assert.match(stderr, /derived-two-pages\.tif \(page 2\): .*\[Timeout\]/);
});

test('--page reads one page of a PDF; records carry the page number', async () => {
  const { code, stdout } = await ocrDesk(['recognize', '--lang', 'eng', '--format', 'json', '--page', '2', corpusPath('derived-two-pages.pdf')]);
  assert.equal(code, 0);
  const records = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(records.length, 1);
  assert.equal(records[0].page, 2);
  assert.match(records[0].result.text, /quick brown dog/);
  assert.equal((await ocrDesk(['recognize', '--page', '0', corpusPath('derived-two-pages.pdf')])).code, 2);
});

test('--resume goes on with an interrupted batch: inputs whose result is in --out are not read again', async () => {
  const folder = path.join(scratch, 'resumable');
  const out = path.join(scratch, 'resumable-out');
  await mkdir(folder, { recursive: true });
  await copyFile(corpusPath('hello-google.tif'), path.join(folder, 'a.tif'));
  await copyFile(corpusPath('node-tesseract.png'), path.join(folder, 'b.png'));
  assert.equal((await ocrDesk(['recognize', '--lang', 'eng', '--out', out, folder])).code, 0);
  await rm(path.join(out, 'b.txt'));
  await writeFile(path.join(out, 'a.txt'), 'kept from the first run\n');
  const resumed = await ocrDesk(['recognize', '--lang', 'eng', '--out', out, '--resume', folder]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /1 of 2 files recognised .*1 already done \(--resume\)/);
  assert.equal(await readFile(path.join(out, 'a.txt'), 'utf8'), 'kept from the first run\n');
  assert.match(await readFile(path.join(out, 'b.txt'), 'utf8'), /node-tesseract/);
  assert.deepEqual((await readdir(out)).sort(), ['a.txt', 'b.txt'], 'no partial files are left');
  assert.equal((await ocrDesk(['recognize', '--resume', folder])).code, 2);
});

test('account and key administration on a data directory, text or one JSON document; a directory in use is refused', async () => {
  const dataDir = path.join(scratch, 'data');
  const created = await ocrDesk(['account', 'create', 'scanner', '--permission', 'services:general-basic,idcard', '--data-dir', dataDir, '--json']);
  assert.equal(created.code, 0, created.stderr);
  assert.deepEqual(JSON.parse(created.stdout).permission, { kind: 'services', services: ['general-basic', 'idcard'] });
  const key = await ocrDesk(['key', 'create', '--account', 'scanner', '--data-dir', dataDir, '--json']);
  const { SecretId, SecretKey, account } = JSON.parse(key.stdout);
  assert.match(SecretId, /^AKID[A-Za-z0-9]{32}$/u);
  assert.match(SecretKey, /^[A-Za-z0-9]{32}$/u);
  assert.equal(account, 'scanner');
  const listed = await ocrDesk(['key', 'list', '--data-dir', dataDir, '--json']);
  assert.deepEqual(JSON.parse(listed.stdout).keys.map((k: { secretId: string; status: string }) => [k.secretId, k.status]), [[SecretId, 'enabled']]);
  assert.ok(!listed.stdout.includes(SecretKey), 'a SecretKey is printed once, at creation');
  const disabled = await ocrDesk(['key', 'disable', SecretId, '--data-dir', dataDir]);
  assert.equal(disabled.code, 0);
  assert.match(disabled.stdout, /disabled/u);
  const accounts = await ocrDesk(['account', 'list', '--data-dir', dataDir]);
  assert.match(accounts.stdout, /^root\tfull\tactive/mu);
  assert.match(accounts.stdout, /^scanner\tservices:general-basic,idcard\tactive/mu);

  const duplicate = await ocrDesk(['account', 'create', 'scanner', '--permission', 'full', '--data-dir', dataDir, '--json']);
  assert.equal(duplicate.code, 1);
  assert.equal(JSON.parse(duplicate.stdout).error.code, 'AccountExists');
  const badPermission = await ocrDesk(['account', 'create', 'x', '--permission', 'everything', '--data-dir', dataDir]);
  assert.equal(badPermission.code, 2);

  // Another process owns the directory: refused with who holds it, nothing opened.
  const holder = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'helpers', 'ledger-writer.ts'), dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  const locked = await ocrDesk(['key', 'list', '--data-dir', dataDir]);
  holder.kill('SIGKILL');
  await new Promise((resolve) => holder.once('exit', resolve));
  assert.equal(locked.code, 1);
  assert.match(locked.stderr, new RegExp(`in use by OCR Desk \\(crash-test, process ${holder.pid}.*\\(StoreLocked\\)`, 'u'));
});

test('licences, packages, services and pay-as-you-go from the command line', async () => {
  const dataDir = path.join(scratch, 'billing-data');
  const developmentKey = path.join(root, 'test', 'fixtures', 'licence', 'development-private-key.pem');
  const issued = await ocrDesk(['license', 'issue', '--private-key', developmentKey, '--service', 'table', '--calls', '50', '--valid-days', '30']);
  assert.equal(issued.code, 0, issued.stderr);
  const licenceFile = path.join(scratch, 'table.licence');
  await writeFile(licenceFile, issued.stdout);
  const imported = await ocrDesk(['license', 'import', licenceFile, '--data-dir', dataDir, '--json']);
  assert.equal(imported.code, 0, imported.stderr);
  const pack = JSON.parse(imported.stdout);
  assert.deepEqual([pack.service, pack.kind, pack.total, pack.remaining, pack.status], ['table', 'prepaid', 50, 50, 'active']);
  const again = await ocrDesk(['license', 'import', licenceFile, '--data-dir', dataDir, '--json']);
  assert.equal(JSON.parse(again.stdout).error.code, 'LicenceAlreadyImported');
  const listed = JSON.parse((await ocrDesk(['package', 'list', '--data-dir', dataDir, '--json'])).stdout).packages;
  assert.equal(listed.filter((p: { kind: string }) => p.kind === 'free').length, 7, 'a free package per service');
  assert.match(listed[0].expiresAt, /^\d{4}-\d{2}-\d{2}$/u);
  const disable = await ocrDesk(['service', 'disable', 'table', '--data-dir', dataDir]);
  assert.equal(disable.code, 1);
  assert.match(disable.stderr, /50 paid calls left.*\(DisableNotAllowed\)/u);
  assert.equal((await ocrDesk(['package', 'refund', pack.id, '--data-dir', dataDir])).code, 0);
  assert.equal((await ocrDesk(['service', 'disable', 'table', '--data-dir', dataDir])).code, 0);
  assert.deepEqual(JSON.parse((await ocrDesk(['payg', 'on', '--data-dir', dataDir, '--json'])).stdout), { payAsYouGo: true });
  const machine = await ocrDesk(['machine-id', '--json']);
  assert.match(JSON.parse(machine.stdout).machineId, /^[0-9a-f]{32}$/u);
  const bound = await ocrDesk(['license', 'issue', '--private-key', developmentKey, '--service', 'idcard', '--calls', '5', '--machine', 'not-this-one']);
  await writeFile(licenceFile, bound.stdout);
  const foreign = await ocrDesk(['license', 'import', licenceFile, '--data-dir', dataDir]);
  assert.equal(foreign.code, 1);
  assert.match(foreign.stderr, /LicenceForeignMachine/u);
});

test('usage shows metered calls; store verify walks the ledger: intact exits 0, an edited entry exits 1 with where it breaks', async () => {
  const dataDir = path.join(scratch, 'ledger-data');
  const writer = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'helpers', 'ledger-writer.ts'), dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = 0;
  await new Promise<void>((resolve) =>
    writer.stdout.on('data', (chunk: Buffer) => {
      lines += chunk.toString().split('\n').length - 1;
      if (lines > 20) resolve();
    }),
  );
  writer.kill('SIGKILL');
  await new Promise((resolve) => writer.once('exit', resolve));
  const intact = await ocrDesk(['store', 'verify', '--data-dir', dataDir, '--json']);
  assert.equal(intact.code, 0, intact.stdout + intact.stderr);
  assert.deepEqual(JSON.parse(intact.stdout), { intact: true });
  // The metered calls show in this month's usage.
  const usage = await ocrDesk(['usage', '--by', 'month', '--data-dir', dataDir, '--json']);
  const [row] = JSON.parse(usage.stdout).rows;
  assert.ok(row.requests >= 20 && row.calls === row.requests && row.service === 'general-basic' && row.account === 'root', usage.stdout);
  const segment = path.join(dataDir, 'ledger', 'segment-00000001.jsonl');
  await writeFile(segment, (await readFile(segment, 'utf8')).replace('"requestId":"call-5"', '"requestId":"call-500"'));
  const broken = await ocrDesk(['store', 'verify', '--data-dir', dataDir]);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /line 5: entry 5 was changed after it was written.*\(LedgerBroken\)/u);
});

test('account password takes the password from standard input, never from the command line', async () => {
  const dataDir = path.join(scratch, 'password-data');
  const run = (input: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(root, 'bin/ocr-desk.js'), 'account', 'password', 'root', '--data-dir', dataDir], { cwd: scratch });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => resolve({ code, stderr }));
      child.stdin.end(input);
    });
  const weak = await run('short\n');
  assert.equal(weak.code, 1);
  assert.match(weak.stderr, /WeakPassword/u);
  assert.equal((await run('a long enough password\n')).code, 0);
  const db = await readFile(path.join(dataDir, 'db.json'), 'utf8');
  assert.match(db, /"passwordHash": "scrypt\$/u);
  assert.ok(!db.includes('a long enough password'));
});

test('--table writes each input\'s tables as <name>.xlsx with their merges, prints them with --format json, and fails a file that is no image', async () => {
  const out = path.join(scratch, 'tables');
  await mkdir(out);
  const notes = path.join(scratch, 'notes.png');
  await writeFile(notes, 'not an image');
  const { code, stdout, stderr } = await ocrDesk(['recognize', '--table', '--lang', 'eng', '--format', 'json', '--out', out, corpusPath('synthetic-ruled-table.png'), corpusPath('phototest.tif'), notes]);
  assert.equal(code, 1, stderr);
  assert.deepEqual((await readdir(out)).sort(), ['phototest.xlsx', 'synthetic-ruled-table.xlsx']);
  const records = stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; tables: unknown[] });
  assert.deepEqual(records.map((record) => [path.basename(record.file), record.tables.length]), [['synthetic-ruled-table.png', 1], ['phototest.tif', 0]]);
  assert.match(stderr, /notes\.png: .*\[(UnsupportedFormat|ImageDecodeFailed)\]/u);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(out, 'synthetic-ruled-table.xlsx'));
  assert.deepEqual((workbook.worksheets[0]!.model as unknown as { merges: string[] }).merges.sort(), ['A1:C1', 'A2:A3', 'B2:C2']);
  assert.equal(workbook.worksheets[0]!.getCell('A4').value, 'Revenue');
});

test('--table reads every page of a document into one workbook unless --page', async () => {
  const out = path.join(scratch, 'document-tables');
  await mkdir(out);
  const all = await ocrDesk(['recognize', '--table', '--lang', 'eng', '--format', 'json', '--out', out, corpusPath('derived-two-pages.tif')]);
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(all.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { page: number }).page), [1, 2]);
  const one = await ocrDesk(['recognize', '--table', '--lang', 'eng', '--format', 'json', '--page', '2', '--out', out, corpusPath('derived-two-pages.tif')]);
  assert.deepEqual(one.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { page: number }).page), [2]);
  const bad = await ocrDesk(['recognize', '--table', '--single-line', 'x.png']);
  assert.equal(bad.code, 2);
});
