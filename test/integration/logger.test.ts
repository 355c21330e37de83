import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createFileLogger } from '../../main/platform/logger.js';

test('logs: one file a UTC day, masked lines, files older than 3 days deleted at start and when the day turns', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-logs-'));
  try {
    await mkdir(folder, { recursive: true });
    for (const day of ['2026-11-20', '2026-11-22', '2026-11-23']) await writeFile(path.join(folder, `ocr-desk-${day}.log`), '{}\n');
    await writeFile(path.join(folder, 'notes.txt'), 'not a log: left alone');
    let now = new Date('2026-11-25T23:59:00Z');
    const logger = await createFileLogger({ directory: folder, clock: { now: () => now } });
    assert.deepEqual((await readdir(folder)).sort(), ['notes.txt', 'ocr-desk-2026-11-23.log', 'ocr-desk-2026-11-25.log'], 'today and the two days before are kept');
    logger.log('info', 'cloud-request', { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', note: 'ID 11010119900307123X' });
    now = new Date('2026-11-26T00:00:01Z');
    logger.log('warn', 'next-day', {});
    await logger.close();
    assert.deepEqual((await readdir(folder)).sort(), ['notes.txt', 'ocr-desk-2026-11-25.log', 'ocr-desk-2026-11-26.log']);
    const first = JSON.parse((await readFile(path.join(folder, 'ocr-desk-2026-11-25.log'), 'utf8')).trim()) as Record<string, string>;
    assert.deepEqual(first, { time: '2026-11-25T23:59:00.000Z', level: 'info', event: 'cloud-request', secretId: 'AKID****MPLE', note: 'ID [ID number masked]' });
    assert.match(await readFile(path.join(folder, 'ocr-desk-2026-11-26.log'), 'utf8'), /"event":"next-day"/u);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
