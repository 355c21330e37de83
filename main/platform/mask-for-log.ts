/**
 * What a log line may never hold (README, "Privacy"): image bytes or base64, ID numbers, names,
 * addresses, secrets. Log records are built from chosen fields, so this is the second line of
 * defence: it masks by field name and by the shape of the text.
 */
const secretFields = /^(imagebase64|image|secretkey|secret|password|token|authorization|signature|cookie|name|address|idnum|authority)$/iu;

/** 18-character mainland ID numbers (17 digits and a check digit) and 15-digit old ones. */
const idNumber = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/gu;
/** SecretIds: the prefix and the last four characters are enough to find a key. */
const secretId = /\bAKID[0-9A-Za-z]{28,}([0-9A-Za-z]{4})\b/gu;
/** Long runs of base64 (images, keys): never worth reading in a log. */
const base64Run = /[A-Za-z0-9+/_-]{64,}={0,2}/gu;

export function maskText(text: string): string {
  return text
    .replace(secretId, (_match, tail: string) => `AKID****${tail}`)
    .replace(base64Run, (run) => `[${run.length} characters masked]`)
    .replace(idNumber, '[ID number masked]');
}

export function maskForLog(value: unknown, key = ''): unknown {
  if (key && secretFields.test(key) && value !== null && value !== undefined && value !== '') return '[masked]';
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskForLog(item));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, maskForLog(item, name)]));
  return value;
}
