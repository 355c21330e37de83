import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AdminRunAnswer, AdminRunRequest } from '../../shared/admin-protocol.js';
import { isCloudActionName, type CloudActionName } from '../../shared/cloud-api/cloud-actions.js';
import { createConsoleSessions } from '../api/console/console-sessions.js';
import { startApiServer } from '../api/server.js';
import { createEngine } from '../engine/create-engine.js';
import { defaultImageLimits } from '../engine/intake/image-limits.js';
import { findAppRoot, readAppVersion } from '../platform/app-paths.js';
import { systemClock } from '../platform/clock.js';
import { loadTlsCertificate, machineNames, type TlsMaterial } from '../platform/tls-certificate.js';
import { resolveDataDirectory } from '../platform/data-directory.js';
import { createFileLogger, defaultLogDays } from '../platform/logger.js';
import { createImageUrlFetcher } from '../services/image-url-fetcher.js';
import { languageChoices } from '../services/language-choices.js';
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
  const workers = values.workers === undefined ? Math.max(1, os.availableParallelism()) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) return usageError('--workers must be a whole number from 1 to 16');

  const directory = resolveDataDirectory({ flag: values['data-dir'], env: process.env, platform: process.platform, home: os.homedir() });
  // Everything opened is closed again in reverse order, on every path out (refusals and bugs too),
  // so a failed start never leaves the directory locked or threads running.
  const openedInOrder: Array<() => Promise<unknown>> = [];
  const refuse = (failure: { code: string; message: string }) => {
    io.stderr.write(`ocr-desk serve: ${failure.message} (${failure.code})\n`);
    return 1;
  };
  try {
    const logger = await createFileLogger({ directory: path.join(directory, 'logs'), clock: systemClock });
    openedInOrder.push(() => logger.close());
    const onWarning = (message: string) => {
      io.stderr.write(`ocr-desk serve: warning: ${message}\n`);
      logger.log('warn', 'store-warning', { warning: message });
    };
    const workspace = await openWorkspace({ directory, clock: systemClock, role: 'serve', onWarning });
    if (!workspace.ok) return refuse(workspace.error);
    openedInOrder.push(() => workspace.value.close());
    for (const warning of workspace.value.warnings) onWarning(warning);
    // Flags decide for this run; the stored settings (`ocr-desk settings`) otherwise.
    const settings = workspace.value.settings;
    const lan = values.lan || settings.get().lan.enabled;
    if (!loopbackHosts.has(values.host) && !lan) return usageError('listening beyond this machine is LAN mode: add --lan, which serves HTTPS only (README, "LAN mode").');
    if (!lan && (values['lan-host'].length > 0 || values['tls-cert'])) return usageError('--lan-host, --tls-cert and --tls-key belong to LAN mode (--lan)');
    const host = lan && loopbackHosts.has(values.host) ? '0.0.0.0' : values.host;
    const lanHosts = values['lan-host'].length > 0 ? values['lan-host'] : settings.get().lan.hostNames;
    const chosenPort = port ?? settings.get().port ?? undefined;
    let tls: TlsMaterial | null = null;
    const lanNames = lan ? [...lanHosts, ...machineNames()] : [];
    if (lan) {
      const loaded = await loadTlsCertificate({
        directory,
        names: lanNames,
        now: systemClock.now(),
        ...(values['tls-cert'] ? { certFile: values['tls-cert'] } : {}),
        ...(values['tls-key'] ? { keyFile: values['tls-key'] } : {}),
      });
      if (!loaded.ok) return refuse(loaded.error);
      tls = loaded.value;
    }
    const engine = createEngine({ workers });
    openedInOrder.push(() => engine.close());
    const imageHostFlags = values['allow-image-host'];
    const allowedImageHosts = () => (imageHostFlags.length > 0 ? imageHostFlags : settings.get().imageUrlHosts);
    const recognition = createRecognitionService({
      engine,
      now: () => systemClock.now(),
      billing: workspace.value.billing,
      fetchImage: createImageUrlFetcher({ allowedHosts: allowedImageHosts, maxBytes: defaultImageLimits.maxFileBytes }),
    });
    const sessions = createConsoleSessions({ now: () => systemClock.now().getTime() });
    const root = workspace.value.accounts.list().find((account) => account.root)!;
    let baseUrl = '';
    const loginLink = () => `${baseUrl}/console/login?token=${sessions.issueLoginToken(root.id)}`;
    const adminToken = newAdminToken();
    const admin = {
      token: adminToken,
      // `login-link` needs this server's sessions; every other command runs on the workspace.
      run: async (request: AdminRunRequest): Promise<AdminRunAnswer> => {
        if (request.group !== 'login-link') return runReceived(dispatchAdmin, workspace.value, request);
        const link = loginLink();
        return { kind: 'done', text: `Sign in as root (once, within 10 minutes): ${link}`, json: { url: link } };
      },
    };
    const licenceKey = await readFile(path.join(findAppRoot(), 'assets', 'licence', 'public-key.pem'), 'utf8');
    const consoleApiDeps = {
      workspace: workspace.value,
      sessions,
      recognition,
      languages: languageChoices,
      version: readAppVersion(),
      listening: () => baseUrl,
      licenceKeyFingerprint: createHash('sha256').update(licenceKey).digest('hex'),
      logRetentionDays: defaultLogDays,
    };
    const server = await startApiServer(
      { accounts: workspace.value.accounts, recognition, clock: systemClock, logger, admin, console: consoleApiDeps },
      {
        host,
        hostNames: lanNames,
        qps: (action: CloudActionName) => qps[action] ?? settings.get().qps[action],
        ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
        ...(chosenPort !== undefined ? { port: chosenPort } : {}),
        uiFolder: path.join(findAppRoot(), 'dist', 'renderer'),
        maxFileBytes: defaultImageLimits.maxFileBytes,
      },
    );
    if (!server.ok) return refuse(server.error);
    openedInOrder.push(() => server.value.close());
    openedInOrder.push(await publishAdminChannel(directory, { url: server.value.url, token: adminToken, ...(tls ? { fingerprint: tls.fingerprint } : {}) }));
    logger.log('info', 'server-started', { url: server.value.url, directory, workers });
    baseUrl = server.value.url;
    io.stdout.write(`OCR Desk is serving on ${server.value.url} (data directory: ${directory})\n`);
    io.stdout.write(`Sign in to the UI as root (once, within 10 minutes): ${loginLink()}\n`);
    if (tls) {
      const hostName = lanHosts[0] ?? os.hostname();
      io.stdout.write(`LAN mode: HTTPS for ${tls.names.join(', ')} (e.g. https://${hostName}:${server.value.port})\n`);
      io.stdout.write(`TLS certificate SHA-256 fingerprint: ${tls.fingerprint}${tls.generated ? ' (generated now, kept in the data directory)' : ''}\n`);
    }

    const signal = await io.stopRequested;
    io.stderr.write(`ocr-desk serve: ${signal}: stopping after the requests in flight (again to stop at once)\n`);
    logger.log('info', 'server-stopping', { signal });
    return 0;
  } finally {
    for (const close of openedInOrder.reverse()) {
      try {
        await close();
      } catch (error) {
        io.stderr.write(`ocr-desk serve: while stopping: ${(error as Error).message}\n`);
      }
    }
  }
}
