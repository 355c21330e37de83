import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { CloudActionName } from '../../shared/cloud-api/cloud-actions.js';
import { createConsoleSessions, type ConsoleSessions } from '../../main/api/console/console-sessions.js';
import { startApiServer } from '../../main/api/server.js';
import { languageChoices } from '../../main/services/language-choices.js';
import { createEngine, type Engine } from '../../main/engine/create-engine.js';
import { defaultImageLimits } from '../../main/engine/intake/image-limits.js';
import { systemClock, type Clock } from '../../main/platform/clock.js';
import { createFileLogger } from '../../main/platform/logger.js';
import { createImageUrlFetcher } from '../../main/services/image-url-fetcher.js';
import { openWorkspace, type Workspace } from '../../main/services/open-workspace.js';
import { createRecognitionService } from '../../main/services/recognition-service.js';

export interface TestServer {
  readonly url: string;
  /** `127.0.0.1:PORT`, as the SDK's endpoint. */
  readonly endpoint: string;
  readonly directory: string;
  readonly workspace: Workspace;
  readonly engine: Engine;
  /** Stops the server, the engine and the workspace; removes the directory unless kept. */
  close(options?: { keepDirectory?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  /** The server's clock (signature times, billing); default the real one. */
  readonly clock?: Clock;
  readonly qps?: Partial<Record<CloudActionName, number>>;
  readonly allowedImageHosts?: readonly string[];
  readonly workers?: number;
  readonly maxQueue?: number;
  readonly maxBodyBytesInFlight?: number;
  /** A folder served as the built UI. */
  readonly uiFolder?: string;
}

export interface TestServerWithConsole extends TestServer {
  readonly sessions: ConsoleSessions;
}

/** The real server on loopback over a fresh data directory, wired as `ocr-desk serve` wires it. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServerWithConsole> {
  const clock = options.clock ?? systemClock;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'ocr-desk-api-'));
  const logger = await createFileLogger({ directory: path.join(directory, 'logs'), clock });
  const opened = await openWorkspace({ directory, clock, role: 'test-serve', machineId: null });
  if (!opened.ok) throw new Error(opened.error.message);
  const workspace = opened.value;
  const engine = createEngine({ workers: options.workers ?? 2, ...(options.maxQueue ? { maxQueue: options.maxQueue } : {}) });
  const recognition = createRecognitionService({
    engine,
    now: () => clock.now(),
    billing: workspace.billing,
    fetchImage: createImageUrlFetcher({ allowedHosts: () => options.allowedImageHosts ?? [], maxBytes: defaultImageLimits.maxFileBytes }),
  });
  const sessions = createConsoleSessions({ now: () => clock.now().getTime() });
  let listening = '';
  const consoleDeps = { workspace, sessions, recognition, languages: languageChoices, version: 'test', listening: () => listening, licenceKeyFingerprint: 'test', logRetentionDays: 3 };
  const server = await startApiServer(
    { accounts: workspace.accounts, recognition, clock, logger, console: consoleDeps },
    { host: '127.0.0.1', port: 0, uiFolder: options.uiFolder ?? null, maxFileBytes: defaultImageLimits.maxFileBytes,
      ...(options.qps ? { qps: (action: CloudActionName) => options.qps?.[action] } : {}),
      ...(options.maxBodyBytesInFlight ? { maxBodyBytesInFlight: options.maxBodyBytesInFlight } : {}),
    },
  );
  if (!server.ok) throw new Error(server.error.message);
  listening = server.value.url;
  return {
    sessions,
    url: server.value.url,
    endpoint: `127.0.0.1:${server.value.port}`,
    directory,
    workspace,
    engine,
    async close(closeOptions = {}) {
      await server.value.close();
      await engine.close();
      await workspace.close();
      await logger.close();
      if (!closeOptions.keepDirectory) await rm(directory, { recursive: true, force: true });
    },
  };
}

type SdkMethod = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;
export type SdkClient = Record<CloudActionName, SdkMethod>;

/** The official `tencentcloud-sdk-nodejs-ocr` client, configured for a local endpoint as the README says. */
export function sdkClient(endpoint: string, key: { SecretId: string; SecretKey: string }, profile: { signMethod?: string; reqMethod?: string } = {}): SdkClient {
  const require = createRequire(import.meta.url);
  const { ocr } = require('tencentcloud-sdk-nodejs-ocr') as { ocr: { v20181119: { Client: new (config: unknown) => SdkClient } } };
  return new ocr.v20181119.Client({
    credential: { secretId: key.SecretId, secretKey: key.SecretKey },
    region: 'ap-guangzhou',
    profile: { signMethod: profile.signMethod ?? 'TC3-HMAC-SHA256', httpProfile: { endpoint, protocol: 'http://', reqMethod: profile.reqMethod ?? 'POST', reqTimeout: 120 } },
  });
}

/** The cloud error code the SDK raised, or 'no error'. */
export async function sdkErrorCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? `transport error: ${(error as Error).message}`;
  }
}

/** A new key of the root account (or of `account`), for a test's SDK client. */
export async function newKey(server: TestServer, account?: string): Promise<{ SecretId: string; SecretKey: string }> {
  const created = await server.workspace.accounts.createKey(account);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}
