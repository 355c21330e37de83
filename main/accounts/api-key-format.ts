import { randomInt } from 'node:crypto';

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphanumeric[randomInt(alphanumeric.length)];
  return text;
}

/** 36 characters with the cloud's `AKID` prefix: the official SDKs and office systems expect the shape. */
export const newSecretId = (): string => `AKID${randomText(32)}`;

/** 32 characters, ~190 bits, as the cloud's SecretKey. */
export const newSecretKey = (): string => randomText(32);

export const isSecretIdShape = (value: string): boolean => /^AKID[A-Za-z0-9]{32}$/u.test(value);
