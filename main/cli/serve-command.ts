import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AdminRunRequest } from '../../shared/admin-protocol.js';
import { startApiServer } from '../api/server.js';
import { createEngine } from '../engine/create-engine.js';
import { defaultImageLimits } from '../engine/intake/image-limits.js';
import { findAppRoot } from '../platform/app-paths.js';
import { systemClock } from '../platform/clock.js';
import { resolveDataDirectory } from '../platform/data-directory.js';
import { createFileLogger } from '../platform/logger.js';
import { createImageUrlFetcher } from '../services/image-url-fetcher.js';
import { openWorkspace } from '../services/open-workspace.js';
import { createRecognitionService } from '../services/recognition-service.js';
import { newAdminToken, publishAdminChannel } from './admin-channel.js';
import { dispatchAdmin } from './admin-commands.js';
import { runReceived } from './admin-remote.js';

export interface ServeIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
  readonly stopRequested: Promise<NodeJS.Signals>;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * `ocr-desk serve`: owns the data directory, starts the engine and the HTTP server, prints the URL
 * once requests are accepted, and on SIGINT/SIGTERM stops in order: no new requests, requests in
 * flight finished, engine threads stopped, ledger checkpointed, logs flushed.
 */
export async function runServeCommand(args: readonly string[], io: ServeIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
        workers: { type: 'string' },
        'allow-image-host': { type: 'string', multiple: true, default: [] },
      },
    }));
  } catch (error) {
    io.stderr.write(`ocr-desk serve: ${(error as Error).message}\n`);
    return 2;
  }
  const usageError = (message: string) => {
    io.stderr.write(`ocr-desk serve: ${message}\n`);
    return 2;
  };
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) return usageError('--port must be a port number (0 takes any free port)');
  if (!loopbackHosts.has(values.host)) {
    return usageError('LAN access needs TLS, which this version does not have yet: the server listens on 127.0.0.1 only (README, "Server").');
  }
  const workers = values.workers === undefined ? Math.max(1, os.availableParallelism()) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) return usageError('--workers must be a whole number from 1 to 16');

  const directory = resolveDataDirectory({ flag: values['data-dir'], env: process.env, platform: process.platform, home: os.homedir() });
  const logger = await createFileLogger({ directory: path.join(directory, 'logs'), clock: systemClock });
  const workspace = await openWorkspace({ directory, clock: systemClock, role: 'serve' });
  if (!workspace.ok) {
    await logger.close();
    io.stderr.write(`ocr-desk serve: ${workspace.error.message} (${workspace.error.code})\n`);
    return 1;
  }
  for (const warning of workspace.value.warnings) {
    io.stderr.write(`ocr-desk serve: warning: ${warning}\n`);
    logger.log('warn', 'store-warning', { warning });
  }
  const engine = createEngine({ workers });
  const allowedImageHosts = values['allow-image-host'];
  const recognition = createRecognitionService({
    engine,
    billing: workspace.value.billing,
    fetchImage: createImageUrlFetcher({ allowedHosts: () => allowedImageHosts, maxBytes: defaultImageLimits.maxFileBytes }),
  });
  const adminToken = newAdminToken();
  const admin = { token: adminToken, run: (request: AdminRunRequest) => runReceived(dispatchAdmin, workspace.value, request) };
  const server = await startApiServer(
    { accounts: workspace.value.accounts, recognition, clock: systemClock, logger, admin },
    { host: values.host, ...(port !== undefined ? { port } : {}), uiFolder: path.join(findAppRoot(), 'dist', 'renderer'), maxFileBytes: defaultImageLimits.maxFileBytes },
  );
  if (!server.ok) {
    await engine.close();
    await workspace.value.close();
    await logger.close();
    io.stderr.write(`ocr-desk serve: ${server.error.message} (${server.error.code})\n`);
    return 1;
  }
  const unpublish = await publishAdminChannel(directory, { url: server.value.url, token: adminToken });
  logger.log('info', 'server-started', { url: server.value.url, directory, workers });
  io.stdout.write(`OCR Desk is serving on ${server.value.url} (data directory: ${directory})\n`);

  const signal = await io.stopRequested;
  io.stderr.write(`ocr-desk serve: ${signal}: stopping after the requests in flight\n`);
  await unpublish();
  await server.value.close();
  await engine.close();
  await workspace.value.close();
  logger.log('info', 'server-stopped', { signal });
  await logger.close();
  return 0;
}
