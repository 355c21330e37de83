import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AdminRunAnswer, AdminRunRequest } from '../../shared/admin-protocol.js';
import type { NotificationRecord } from '../../shared/billing-views.js';
import type { CloudActionName } from '../../shared/cloud-api/cloud-actions.js';
import { createConsoleSessions } from '../api/console/console-sessions.js';
import { startApiServer } from '../api/server.js';
import { createEngine } from '../engine/create-engine.js';
import { defaultImageLimits } from '../engine/intake/image-limits.js';
import { findAppRoot, readAppVersion } from '../platform/app-paths.js';
import { systemClock } from '../platform/clock.js';
import type { KeyProvider } from '../platform/key-provider.js';
import { createFileLogger, defaultLogDays } from '../platform/logger.js';
import { loadTlsCertificate, machineNames, type TlsMaterial } from '../platform/tls-certificate.js';
import { createImageUrlFetcher } from '../services/image-url-fetcher.js';
import { languageChoices } from '../services/language-choices.js';
import { openWorkspace } from '../services/open-workspace.js';
import { createRecognitionService } from '../services/recognition-service.js';
import { newAdminToken, publishAdminChannel } from './admin-channel.js';
import { dispatchAdmin } from './admin-commands.js';
import { runReceived } from './admin-remote.js';

/** What `ocr-desk serve` and the desktop shell decide before the service starts (flags, or the shell's own). */
export interface ServiceOptions {
  readonly directory: string;
  readonly host: string;
  readonly port?: number | undefined;
  readonly workers: number;
  readonly lan: boolean;
  readonly lanHosts: readonly string[];
  readonly tlsCert?: string | undefined;
  readonly tlsKey?: string | undefined;
  readonly allowImageHosts: readonly string[];
  readonly qps: Partial<Record<CloudActionName, number>>;
  /** Where the key sealing stored secrets comes from; a file in the data directory by default. */
  readonly keyProvider?: KeyProvider;
  /** Told of every package alert (the desktop shell shows a native notification). */
  readonly onAlert?: (alert: NotificationRecord) => void;
  /** Store warnings and errors while stopping, for the door to show. */
  readonly onWarning: (message: string) => void;
}

export interface RunningService {
  readonly url: string;
  readonly port: number;
  readonly directory: string;
  readonly tls: TlsMaterial | null;
  readonly lanHosts: readonly string[];
  /** A fresh one-time link signing the UI in as root (10 minutes). */
  loginLink(): string;
  /** Stops in order: no new requests, requests in flight finished, engine stopped, ledger checkpointed, logs flushed. */
  close(): Promise<void>;
}

/** `usage`: the options contradict the stored settings (exit 2 for the CLI); `refused`: the directory or network said no. */
export type StartFailure = { readonly kind: 'usage'; readonly message: string } | { readonly kind: 'refused'; readonly code: string; readonly message: string };

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The one service every door starts: owns the data directory, the engine and the HTTP server.
 * Resolves once requests are accepted. Everything opened is closed again in reverse order on every
 * path out (refusals and bugs too), so a failed start never leaves the directory locked or threads running.
 */
export async function startService(options: ServiceOptions): Promise<{ ok: true; value: RunningService } | { ok: false; error: StartFailure }> {
  const openedInOrder: Array<() => Promise<unknown>> = [];
  const closeAll = async () => {
    for (const close of openedInOrder.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        options.onWarning(`while stopping: ${(error as Error).message}`);
      }
    }
  };
  const failed = async (error: StartFailure) => {
    await closeAll();
    return { ok: false as const, error };
  };
  const { directory } = options;
  try {
    const logger = await createFileLogger({ directory: path.join(directory, 'logs'), clock: systemClock });
    openedInOrder.push(() => logger.close());
    const onWarning = (message: string) => {
      options.onWarning(message);
      logger.log('warn', 'store-warning', { warning: message });
    };
    const workspace = await openWorkspace({
      directory,
      clock: systemClock,
      role: 'serve',
      onWarning,
      ...(options.keyProvider ? { keyProvider: options.keyProvider } : {}),
      ...(options.onAlert ? { onAlert: options.onAlert } : {}),
    });
    if (!workspace.ok) return await failed({ kind: 'refused', ...workspace.error });
    openedInOrder.push(() => workspace.value.close());
    for (const warning of workspace.value.warnings) onWarning(warning);
    // The options decide for this run; the stored settings (`ocr-desk settings`) otherwise.
    const settings = workspace.value.settings;
    const lan = options.lan || settings.get().lan.enabled;
    if (!loopbackHosts.has(options.host) && !lan) return await failed({ kind: 'usage', message: 'listening beyond this machine is LAN mode: add --lan, which serves HTTPS only (README, "LAN mode").' });
    if (!lan && (options.lanHosts.length > 0 || options.tlsCert)) return await failed({ kind: 'usage', message: '--lan-host, --tls-cert and --tls-key belong to LAN mode (--lan)' });
    const host = lan && loopbackHosts.has(options.host) ? '0.0.0.0' : options.host;
    const lanHosts = options.lanHosts.length > 0 ? options.lanHosts : settings.get().lan.hostNames;
    const chosenPort = options.port ?? settings.get().port ?? undefined;
    let tls: TlsMaterial | null = null;
    const lanNames = lan ? [...lanHosts, ...machineNames()] : [];
    if (lan) {
      const loaded = await loadTlsCertificate({
        directory,
        names: lanNames,
        now: systemClock.now(),
        ...(options.tlsCert ? { certFile: options.tlsCert } : {}),
        ...(options.tlsKey ? { keyFile: options.tlsKey } : {}),
      });
      if (!loaded.ok) return await failed({ kind: 'refused', ...loaded.error });
      tls = loaded.value;
    }
    const engine = createEngine({ workers: options.workers });
    openedInOrder.push(() => engine.close());
    const imageHostFlags = options.allowImageHosts;
    const allowedImageHosts = () => (imageHostFlags.length > 0 ? [...imageHostFlags] : settings.get().imageUrlHosts);
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
        qps: (action: CloudActionName) => options.qps[action] ?? settings.get().qps[action],
        ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
        ...(chosenPort !== undefined ? { port: chosenPort } : {}),
        uiFolder: path.join(findAppRoot(), 'dist', 'renderer'),
        maxFileBytes: defaultImageLimits.maxFileBytes,
      },
    );
    if (!server.ok) return await failed({ kind: 'refused', ...server.error });
    openedInOrder.push(() => server.value.close());
    openedInOrder.push(await publishAdminChannel(directory, { url: server.value.url, token: adminToken, ...(tls ? { fingerprint: tls.fingerprint } : {}) }));
    logger.log('info', 'server-started', { url: server.value.url, directory, workers: options.workers });
    baseUrl = server.value.url;
    let closing: Promise<void> | null = null;
    return {
      ok: true,
      value: {
        url: server.value.url,
        port: server.value.port,
        directory,
        tls,
        lanHosts,
        loginLink,
        close: () => {
          closing ??= (async () => {
            logger.log('info', 'server-stopping', {});
            await closeAll();
          })();
          return closing;
        },
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The default worker count: one engine thread per core. */
export const defaultWorkers = (): number => Math.max(1, os.availableParallelism());
