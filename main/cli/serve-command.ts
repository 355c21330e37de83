import os from 'node:os';
import { parseArgs } from 'node:util';
import { isCloudActionName, type CloudActionName } from '../../shared/cloud-api/cloud-actions.js';
import { resolveDataDirectory } from '../platform/data-directory.js';
import { defaultWorkers, startService } from './start-service.js';

export interface ServeIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
  readonly stopRequested: Promise<NodeJS.Signals>;
}

/**
 * `ocr-desk serve`: parses its flags, starts the service (start-service.ts, which the desktop shell
 * starts too), prints the URL once requests are accepted, and on SIGINT/SIGTERM stops in order: no
 * new requests, requests in flight finished, engine threads stopped, ledger checkpointed, logs flushed.
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
        qps: { type: 'string', multiple: true, default: [] },
        lan: { type: 'boolean', default: false },
        'lan-host': { type: 'string', multiple: true, default: [] },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
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
  if (values['tls-cert'] !== undefined && values['tls-key'] === undefined) return usageError('--tls-cert needs --tls-key (and the other way round)');
  if (values['tls-key'] !== undefined && values['tls-cert'] === undefined) return usageError('--tls-key needs --tls-cert (and the other way round)');
  const qps: Partial<Record<CloudActionName, number>> = {};
  for (const setting of values.qps) {
    const [action = '', limit = ''] = setting.split('=');
    if (!isCloudActionName(action) || !/^\d+$/u.test(limit) || Number(limit) < 1) return usageError(`--qps takes ACTION=N (N from 1), e.g. GeneralBasicOCR=50, not "${setting}"`);
    qps[action] = Number(limit);
  }
  const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) return usageError('--workers must be a whole number from 1 to 16');

  const directory = resolveDataDirectory({ flag: values['data-dir'], env: process.env, platform: process.platform, home: os.homedir() });
  const started = await startService({
    directory,
    host: values.host,
    port,
    workers,
    lan: values.lan,
    lanHosts: values['lan-host'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    allowImageHosts: values['allow-image-host'],
    qps,
    onWarning: (message) => io.stderr.write(`ocr-desk serve: warning: ${message}\n`),
  });
  if (!started.ok) {
    if (started.error.kind === 'usage') return usageError(started.error.message);
    io.stderr.write(`ocr-desk serve: ${started.error.message} (${started.error.code})\n`);
    return 1;
  }
  const service = started.value;
  try {
    io.stdout.write(`OCR Desk is serving on ${service.url} (data directory: ${directory})\n`);
    io.stdout.write(`Sign in to the UI as root (once, within 10 minutes): ${service.loginLink()}\n`);
    if (service.tls) {
      const hostName = service.lanHosts[0] ?? os.hostname();
      io.stdout.write(`LAN mode: HTTPS for ${service.tls.names.join(', ')} (e.g. https://${hostName}:${service.port})\n`);
      io.stdout.write(`TLS certificate SHA-256 fingerprint: ${service.tls.fingerprint}${service.tls.generated ? ' (generated now, kept in the data directory)' : ''}\n`);
    }
    const signal = await io.stopRequested;
    io.stderr.write(`ocr-desk serve: ${signal}: stopping after the requests in flight (again to stop at once)\n`);
    return 0;
  } finally {
    await service.close();
  }
}
