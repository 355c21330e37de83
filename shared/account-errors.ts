/** Stable codes of what account and key management can refuse. */
export const accountErrorCodes = [
  /** A name that is empty, too long, or has characters other than letters, digits, `.`, `_`, `-`. */
  'InvalidName',
  /** An account of that name exists already. */
  'AccountExists',
  'AccountNotFound',
  /** The root account cannot be disabled, deleted or given less than full access. */
  'RootAccountProtected',
  /** A per-service permission names no service, or one that does not exist. */
  'InvalidPermission',
  /** No key has that SecretId. Cloud: AuthFailure.SecretIdNotFound. */
  'KeyNotFound',
  /** The key exists but is disabled, or its account is. Cloud: AuthFailure.SecretIdNotFound. */
  'KeyDisabled',
  /** A password shorter than 10 characters. */
  'WeakPassword',
  /** Name and password do not match an active account with a password. */
  'InvalidCredentials',
  /** The secret-encryption key is missing or wrong for these secrets; nothing was changed. */
  'SecretUnreadable',
] as const;

export type AccountErrorCode = (typeof accountErrorCodes)[number];
