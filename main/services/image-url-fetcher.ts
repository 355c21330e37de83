import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { RecognitionErrorCode } from '../../shared/recognition-errors.js';
import { fail, ok, type Result } from '../../shared/result.js';

export type ImageUrlFetcher = (url: string, signal?: AbortSignal) => Promise<Result<Uint8Array, RecognitionErrorCode | 'EmptyImage' | 'FileTooLarge'>>;

export interface ImageUrlFetcherOptions {
  /**
   * Host names (or `*.example.com`) an ImageUrl may name; read on every call so a settings change
   * applies at once. Default none: the server fetches nothing until the administrator lists hosts.
   */
  readonly allowedHosts: () => readonly string[];
  /** The whole download, redirects included (the cloud: 3 s). */
  readonly timeoutMs?: number;
  readonly maxBytes: number;
  readonly maxRedirects?: number;
  /** Name resolution (tests resolve a made-up name to loopback). */
  readonly lookup?: LookupFunction;
}

/**
 * Addresses that reach this machine or its cloud's metadata service: an ImageUrl is the classic
 * way to make a server request them (SSRF), so they are refused unless the administrator lists
 * the address itself (or `localhost`).
 */
const specialAddresses = new BlockList();
specialAddresses.addSubnet('127.0.0.0', 8, 'ipv4');
specialAddresses.addSubnet('0.0.0.0', 8, 'ipv4');
specialAddresses.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, incl. 169.254.169.254 metadata
specialAddresses.addSubnet('100.100.100.200', 32, 'ipv4'); // Alibaba Cloud metadata
specialAddresses.addSubnet('224.0.0.0', 4, 'ipv4');
specialAddresses.addAddress('::1', 'ipv6');
specialAddresses.addAddress('::', 'ipv6');
specialAddresses.addSubnet('fe80::', 10, 'ipv6');
specialAddresses.addSubnet('fd00:ec2::', 32, 'ipv6'); // AWS metadata over IPv6
specialAddresses.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
specialAddresses.addSubnet('::ffff:169.254.0.0', 112, 'ipv6');

const isSpecial = (address: string) => specialAddresses.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

function hostListed(host: string, list: readonly string[]): boolean {
  const name = host.toLowerCase();
  return list.some((entry) => {
    const pattern = entry.trim().toLowerCase().replace(/^\[|\]$/gu, '');
    return pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1 : name === pattern;
  });
}

class Refusal extends Error {}

/** Downloads an ImageUrl under the allow list, with size, time and redirect limits (README, "ImageUrl"). */
export function createImageUrlFetcher(options: ImageUrlFetcherOptions): ImageUrlFetcher {
  const timeoutMs = options.timeoutMs ?? 3000;
  const maxRedirects = options.maxRedirects ?? 3;

  /** Where a URL may be fetched from, or why not. */
  const check = (url: URL): string | null => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https URLs are fetched, not ${url.protocol}`;
    if (url.username || url.password) return 'URLs with credentials are not fetched';
    const host = url.hostname.replace(/^\[|\]$/gu, '');
    if (!hostListed(host, options.allowedHosts())) return `the host ${host} is not on the ImageUrl allow list (settings)`;
    if (isIP(host) && isSpecial(host) && !hostListed(host, options.allowedHosts())) return `the address ${host} is refused`;
    return null;
  };

  const guardedLookup = (host: string): LookupFunction => (hostname, lookupOptions, callback) => {
    (options.lookup ?? dnsLookup)(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses as unknown as string, family: 4 }]) as { address: string; family: number }[];
      // Checked on the address actually connected to, so a name cannot be re-pointed after the check.
      const usable = list.filter((entry) => !isSpecial(entry.address) || hostListed(entry.address, options.allowedHosts()) || host === 'localhost' && hostListed('localhost', options.allowedHosts()));
      if (usable.length === 0) return callback(new Refusal(`${host} resolves to an address that is refused (this machine, link-local or metadata)`), '', 4);
      if (lookupOptions.all) return callback(null, usable as never);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };

  const get = (url: URL, signal: AbortSignal): Promise<{ status: number; location: string | undefined; body: Uint8Array } | Refusal | Error> =>
    new Promise((resolve) => {
      const client = url.protocol === 'https:' ? https : http;
      const request = client.get(url, { lookup: guardedLookup(url.hostname), signal, headers: { accept: 'image/*,application/pdf' } }, (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          return resolve({ status, location: response.headers.location, body: new Uint8Array() });
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > options.maxBytes) {
          response.destroy();
          return resolve(new Refusal('too large'));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            resolve(new Refusal('too large'));
          } else chunks.push(chunk);
        });
        response.on('end', () => resolve({ status, location: undefined, body: Buffer.concat(chunks) }));
        response.on('error', (error) => resolve(error));
      });
      request.on('error', (error) => resolve(error));
    });

  return async (text, callerSignal) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail('ImageUrlRefused', 'The ImageUrl is not a URL.');
    }
    const signal = callerSignal ? AbortSignal.any([callerSignal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    for (let hop = 0; hop <= maxRedirects; hop += 1) {
      const reason = check(url);
      if (reason) return fail('ImageUrlRefused', `The ImageUrl was not fetched: ${reason}.`);
      const answer = await get(url, signal);
      if (answer instanceof Refusal) {
        return answer.message === 'too large'
          ? fail('FileTooLarge', `The image at the ImageUrl is over ${(options.maxBytes / 1024 / 1024).toFixed(1)} MB.`)
          : fail('ImageUrlRefused', `The ImageUrl was not fetched: ${answer.message}.`);
      }
      if (answer instanceof Error) {
        const timedOut = signal.aborted && !callerSignal?.aborted;
        return fail('ImageDownloadFailed', timedOut ? `The ImageUrl did not answer within ${timeoutMs / 1000} s.` : `The ImageUrl could not be fetched (${(answer as NodeJS.ErrnoException).code ?? answer.message}).`);
      }
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        try {
          url = new URL(answer.location, url);
        } catch {
          return fail('ImageDownloadFailed', 'The ImageUrl redirected to something that is not a URL.');
        }
        continue;
      }
      if (answer.status !== 200) return fail('ImageDownloadFailed', `The ImageUrl answered HTTP ${answer.status}.`);
      if (answer.body.length === 0) return fail('EmptyImage', 'The image at the ImageUrl is empty (0 bytes).');
      return ok(answer.body);
    }
    return fail('ImageDownloadFailed', `The ImageUrl redirected more than ${maxRedirects} times.`);
  };
}
