import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { cloudActions, type CloudActionName } from '../../shared/cloud-api/cloud-actions.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { Accounts } from '../accounts/accounts.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { RecognitionService } from '../services/recognition-service.js';
import { adminRoute, type AdminRouteDeps } from './admin-route.js';
import { clientGone } from './client-gone.js';
import { cloudRefusal, createCloudEndpoint, type CloudReply } from './cloud/cloud-endpoint.js';
import { consoleApi, type ConsoleDeps } from './console/console-api.js';
import { createHostGuard } from './host-guard.js';
import { plainOcrRoute } from './plain/plain-ocr-route.js';
import { createRateLimiter } from './rate-limiter.js';

/** The port `serve` tries first; the next free one is taken if it is busy (README, "Server"). */
export const defaultPort = 8766;
const portsTried = 20;

export interface ApiServerOptions {
  /** 127.0.0.1 unless LAN access is switched on. */
  readonly host: string;
  /** 0: any free port. Undefined: the default, or the next free port after it. */
  readonly port?: number;
  /** Host names (and addresses) the server answers to besides the loopback names (LAN mode). */
  readonly hostNames?: readonly string[];
  /** Requests a second per key for an action, where not the cloud's default; read on every request, so a changed setting applies at once. */
  readonly qps?: (action: CloudActionName) => number | undefined;
  /** The built UI's folder, served to other GETs, or null before it is built. */
  readonly uiFolder: string | null;
  /** Bytes of one uploaded file on the plain endpoint. */
  readonly maxFileBytes: number;
  /** Request bodies held at once, in bytes (default 256 MB); beyond, uploads are refused as busy. */
  readonly maxBodyBytesInFlight?: number;
  /** HTTPS with this certificate (LAN mode); plain HTTP without. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

export interface ApiServerDeps {
  readonly accounts: Accounts;
  readonly recognition: RecognitionService;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The admin CLI's door while this server owns the data directory (`serve`; absent in tests of the API alone). */
  readonly admin?: AdminRouteDeps;
  /** The UI's console API (absent in tests of the cloud API alone). */
  readonly console?: Omit<ConsoleDeps, 'secure' | 'maxFileBytes'>;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets requests in flight finish, closes idle connections. */
  close(): Promise<void>;
}

/** The cloud's JSON limit (10 MB of base64) plus room for the other fields. */
const jsonBodyLimit = 10 * 1024 * 1024 + 64 * 1024;
/** A GET's query may hold 32 KB of parameters (the cloud's limit): headers must have room for it. */
const maxHeaderBytes = 64 * 1024;
const defaultMaxBodyBytesInFlight = 256 * 1024 * 1024;
/** Connections at once; beyond, new ones are closed by the OS-level accept (node's maxConnections). */
const maxConnections = 1024;

/**
 * The HTTP server on loopback: the cloud API at `/`, the plain endpoint, the health check, the
 * built UI. Every body is taken as raw bytes, since a TC3 signature covers the bytes as sent.
 */
export async function startApiServer(deps: ApiServerDeps, options: ApiServerOptions): Promise<Result<RunningServer, 'PortInUse' | 'ListenFailed'>> {
  const app = Fastify({
    logger: false,
    bodyLimit: jsonBodyLimit,
    // A client that trickles its upload does not hold a connection for ever (the SDKs give up after 60 s).
    requestTimeout: 60_000,
    // Headers over the limit (the SDKs' GET mode with an image in the query) are answered in the
    // cloud's envelope, not with a 431 that every SDK turns into a transport error.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return void socket.destroy();
      const overflow = error.code === 'HPE_HEADER_OVERFLOW';
      const answer = overflow ? cloudRefusal('BodyTooLarge', 'The request line and headers are over 64 KB: a GET cannot carry an image; send it with POST.') : null;
      const body = answer ? Buffer.from(answer.body) : Buffer.alloc(0);
      const head = answer ? `HTTP/1.1 200 OK\r\ncontent-type: ${answer.headers['content-type']}` : 'HTTP/1.1 400 Bad Request';
      socket.end(Buffer.concat([Buffer.from(`${head}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`), body]));
    },
    serverFactory: (handler) =>
      options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key, maxHeaderSize: maxHeaderBytes }, handler) : http.createServer({ maxHeaderSize: maxHeaderBytes }, handler),
  });
  const hostAllowed = createHostGuard(options.hostNames ?? []);
  const uiReady = options.uiFolder !== null && existsSync(options.uiFolder);
  const rateLimiter = createRateLimiter(() => performance.now());
  const qpsFor = (action: CloudActionName) => options.qps?.(action) ?? cloudActions[action].defaultQps;
  const cloud = createCloudEndpoint({ accounts: deps.accounts, recognition: deps.recognition, clock: deps.clock, logger: deps.logger, rateLimiter, qpsFor });
  // A Buffer, so fastify leaves the Content-Type exactly as set: the Python SDK reads Error only from 'application/json'.
  const sendCloud = (reply: FastifyReply, answer: CloudReply) => reply.code(200).headers(answer.headers).send(Buffer.from(answer.body));
  const isCloudRequest = (request: FastifyRequest) => request.url.split('?')[0] === '/' && (request.method !== 'GET' || request.headers['x-tc-action'] !== undefined || /[?&]Action=/u.test(request.url));

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  let bodyBytesInFlight = 0;
  const maxBodyBytesInFlight = options.maxBodyBytesInFlight ?? defaultMaxBodyBytesInFlight;
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    // Bodies are read whole before anyone is authenticated (a signature covers the bytes), and a
    // request keeps its body until answered: the bodies held at once are bounded, counted from
    // their declared size, so a flood of uploads is refused instead of exhausting memory.
    if (request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH') {
      const declared = Number(request.headers['content-length']);
      const size = Number.isFinite(declared) ? Math.min(declared, jsonBodyLimit) : jsonBodyLimit;
      if (bodyBytesInFlight + size > maxBodyBytesInFlight) {
        const message = 'The server is receiving as much as it holds at once; retry shortly.';
        return isCloudRequest(request) ? sendCloud(reply, cloudRefusal('RateLimited', message)) : reply.code(503).send({ ok: false, error: { code: 'Busy', message } });
      }
      bodyBytesInFlight += size;
      reply.raw.once('close', () => (bodyBytesInFlight -= size));
    }
    if (!hostAllowed(request.headers.host)) {
      return reply.code(421).type('application/json').send({ ok: false, error: { code: 'HostNotAllowed', message: 'This server does not answer to that host name.' } });
    }
    // No CORS: a foreign page may not read anything from this server. A preflight is refused
    // without Access-Control-Allow-* headers, so the browser stops there.
    if (request.method === 'OPTIONS') return reply.code(403).type('application/json').send({ ok: false, error: { code: 'CrossOriginRefused', message: 'Cross-origin requests are not served.' } });
    return undefined;
  });

  app.setErrorHandler((error: { code?: string; statusCode?: number; message: string }, request, reply) => {
    const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    if (isCloudRequest(request)) {
      return sendCloud(reply, tooLarge ? cloudRefusal('BodyTooLarge', 'The body is over 10 MB, the cloud API\'s limit.') : cloudRefusal('MalformedBody', `The request cannot be read (${error.code ?? error.message}).`));
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) deps.logger.log('error', 'http-bug', { url: request.url.split('?')[0], error: error.message });
    return reply.code(status).send({ ok: false, error: { code: tooLarge ? 'BodyTooLarge' : status === 500 ? 'Internal' : 'BadRequest', message: status === 500 ? 'An internal error occurred.' : error.message } });
  });

  const cloudHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const [path = '/', query = ''] = request.url.split(/\?(.*)/su);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return sendCloud(reply, await cloud({ method: request.method, path, query, headers, body, signal: clientGone(reply) }));
  };

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.all('/', async (request, reply) => {
    if (isCloudRequest(request)) return cloudHandler(request, reply);
    return uiReady ? reply.sendFile('index.html') : uiNotBuilt(reply);
  });
  if (deps.console) {
    const consoleDeps = { ...deps.console, secure: options.tls !== undefined, maxFileBytes: options.maxFileBytes };
    await app.register(async (scope) => consoleApi(scope, consoleDeps));
  } else {
    app.all('/console/api/*', async (_request, reply) => reply.code(404).send({ ok: false, error: { code: 'NotFound', message: 'This server has no console API.' } }));
  }
  if (deps.admin) adminRoute(app, deps.admin);
  await app.register(async (scope) => plainOcrRoute(scope, { accounts: deps.accounts, recognition: deps.recognition, logger: deps.logger, maxFileBytes: options.maxFileBytes, rateLimiter, qpsFor }));
  if (uiReady) {
    await app.register(fastifyStatic, { root: options.uiFolder, index: false, wildcard: true, dotfiles: 'deny' });
  } else {
    app.get('/*', async (_request, reply) => uiNotBuilt(reply));
  }

  app.server.maxConnections = maxConnections;
  const listened = await listen(options, (port) => app.listen({ host: options.host, port }));
  if (!listened.ok) {
    await app.close();
    return listened;
  }
  const port = listened.value;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  return ok({ url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`, port, close: () => app.close() });
}

function uiNotBuilt(reply: FastifyReply) {
  return reply.code(404).type('text/plain; charset=utf-8').send('OCR Desk: the UI is not built in this installation. The API is served at / (README, "Server").\n');
}

async function listen(options: ApiServerOptions, attempt: (port: number) => Promise<string>): Promise<Result<number, 'PortInUse' | 'ListenFailed'>> {
  const candidates = options.port !== undefined ? [options.port] : Array.from({ length: portsTried }, (_, index) => defaultPort + index);
  for (const port of candidates) {
    try {
      const address = await attempt(port);
      return ok(Number(new URL(address).port));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && options.port === undefined) continue;
      if (code === 'EADDRINUSE') return fail('PortInUse', `Port ${port} is in use by another program: choose another with --port (0 takes any free port).`);
      return fail('ListenFailed', `Cannot listen on ${options.host}:${port} (${code ?? (error as Error).message}).`);
    }
  }
  return fail('PortInUse', `Ports ${defaultPort}-${defaultPort + portsTried - 1} are all in use: choose one with --port (0 takes any free port).`);
}
