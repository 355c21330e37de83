import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from './clock.js';
import { maskForLog } from './mask-for-log.js';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>;
}

export interface FileLoggerOptions {
  /** The data directory's `logs/`. */
  readonly directory: string;
  readonly clock: Clock;
  /** Days of logs kept, today included (the seed: 3). */
  readonly keepDays?: number;
  /** Also told every record (the server's console), already masked. */
  readonly echo?: (line: string) => void;
}

/** The seed's rule: logs are kept three days. */
export const defaultLogDays = 3;

const filePattern = /^ocr-desk-(\d{4}-\d{2}-\d{2})\.log$/u;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * JSON Lines logs, one file a day (UTC days, so a file never changes name with the time zone),
 * masked before they are written, and deleted after `keepDays` days: at start and whenever the
 * day turns.
 */
export async function createFileLogger(options: FileLoggerOptions): Promise<Logger> {
  const keepDays = options.keepDays ?? defaultLogDays;
  await mkdir(options.directory, { recursive: true, mode: 0o700 });
  let day = '';
  let stream: WriteStream | null = null;

  const prune = async (today: string) => {
    const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - (keepDays - 1) * 86_400_000).toISOString().slice(0, 10);
    for (const name of await readdir(options.directory)) {
      const match = filePattern.exec(name);
      if (match && match[1]! < oldest) await rm(path.join(options.directory, name), { force: true });
    }
  };
  let pruning: Promise<void> = Promise.resolve();

  const streamFor = (now: Date): WriteStream => {
    const today = dayOf(now);
    if (stream && today === day) return stream;
    stream?.end();
    day = today;
    stream = createWriteStream(path.join(options.directory, `ocr-desk-${today}.log`), { flags: 'a', mode: 0o600 });
    stream.on('error', () => {
      // A full disk must not stop the service; the records are lost, the calls are not.
    });
    pruning = pruning.then(() => prune(today)).catch(() => undefined);
    return stream;
  };
  streamFor(options.clock.now());
  await pruning;
  // An idle server writes no line when the day turns: old files still go, hourly.
  const pruneTimer = setInterval(() => {
    pruning = pruning.then(() => prune(dayOf(options.clock.now()))).catch(() => undefined);
  }, 3_600_000);
  pruneTimer.unref();

  return {
    log(level, event, fields = {}) {
      const now = options.clock.now();
      const line = JSON.stringify({ time: now.toISOString(), level, event, ...(maskForLog(fields) as Record<string, unknown>) });
      streamFor(now).write(`${line}\n`);
      options.echo?.(line);
    },
    async close() {
      clearInterval(pruneTimer);
      await pruning;
      const last = stream;
      stream = null;
      if (last) await new Promise<void>((resolve) => last.end(resolve));
    },
  };
}
