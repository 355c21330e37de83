import { readFile, stat } from 'node:fs/promises';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { ImageLimits } from './image-limits.js';

/** What a caller may hand the engine. */
export type ImageInput =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** Base64 text, with or without a `data:image/...;base64,` prefix; whitespace is ignored. */
  | { readonly kind: 'base64'; readonly text: string }
  | { readonly kind: 'path'; readonly path: string };

type InputErrorCode = 'EmptyImage' | 'FileTooLarge' | 'FileNotFound' | 'InvalidBase64';

const megabytes = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Turns any accepted input into bytes, enforcing the byte limits before anything is decoded. */
export async function readImageInput(input: ImageInput, limits: ImageLimits): Promise<Result<Uint8Array, InputErrorCode>> {
  switch (input.kind) {
    case 'bytes':
      return checkBytes(input.bytes, limits);
    case 'base64':
      return decodeBase64(input.text, limits);
    case 'path':
      return readPath(input.path, limits);
  }
}

function sizeError(size: number, limits: ImageLimits): Result<never, InputErrorCode> | null {
  if (size === 0) return fail('EmptyImage', 'The image is empty (0 bytes).');
  if (size > limits.maxFileBytes) {
    return fail('FileTooLarge', `The file is ${megabytes(size)}; the limit is ${megabytes(limits.maxFileBytes)} (${megabytes(limits.maxBase64Length)} as base64).`);
  }
  return null;
}

function checkBytes(bytes: Uint8Array, limits: ImageLimits): Result<Uint8Array, InputErrorCode> {
  return sizeError(bytes.length, limits) ?? ok(bytes);
}

const dataUrlPrefix = /^data:[\w.+/-]*(;[\w=.+-]+)*;base64,/i;

function decodeBase64(text: string, limits: ImageLimits): Result<Uint8Array, InputErrorCode> {
  const body = text.trim().replace(dataUrlPrefix, '').replace(/\s+/g, '');
  if (body.length === 0) return fail('EmptyImage', 'The base64 image is empty.');
  if (body.length > limits.maxBase64Length) {
    return fail('FileTooLarge', `The base64 image is ${megabytes(body.length)}; the limit is ${megabytes(limits.maxBase64Length)}.`);
  }
  // Buffer.from silently skips invalid characters, so validate the alphabet first (standard or URL-safe).
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(body) || body.length % 4 === 1) {
    return fail('InvalidBase64', 'The image is not valid base64 text.');
  }
  return checkBytes(Buffer.from(body, 'base64'), limits);
}

async function readPath(path: string, limits: ImageLimits): Promise<Result<Uint8Array, InputErrorCode>> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail('FileNotFound', `${path} is not a file.`);
    // Refuse before reading a huge file into memory.
    return sizeError(info.size, limits) ?? checkBytes(await readFile(path), limits);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'unknown error'})`;
    return fail('FileNotFound', `${path} ${reason}.`);
  }
}
