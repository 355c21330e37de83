/**
 * Where the desktop keeps the key that seals stored SecretKeys. The OS keychain (Electron's
 * safeStorage) when it really protects the key; on Linux without a secret service, safeStorage
 * falls back to `basic_text`, a fixed password compiled into Chromium: sealing with it would only
 * look safe, so the key stays an owner-only file there, as for `serve`, and the settings page says so.
 */
export interface KeyStorageSituation {
  readonly platform: NodeJS.Platform;
  /** safeStorage.isEncryptionAvailable() */
  readonly encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux, null elsewhere. */
  readonly linuxBackend: string | null;
  /** secret.key.safe is in the data directory: sealed before, so only the keychain can open it. */
  readonly sealedKeyPresent: boolean;
}

export interface KeyStorageChoice {
  readonly kind: 'keychain' | 'file';
  readonly reason: string;
}

const weakLinuxBackends = new Set(['basic_text', 'unknown']);

export function chooseKeyStorage(situation: KeyStorageSituation): KeyStorageChoice {
  const keychainName = situation.platform === 'win32' ? 'Windows DPAPI' : situation.platform === 'darwin' ? 'the macOS Keychain' : `the desktop's secret service (${situation.linuxBackend ?? 'unknown'})`;
  const weak = situation.platform === 'linux' && weakLinuxBackends.has(situation.linuxBackend ?? 'unknown');
  if (situation.encryptionAvailable && !weak) return { kind: 'keychain', reason: `sealed with ${keychainName}, for this user on this machine` };
  if (situation.sealedKeyPresent) {
    // Sealed before: only the keychain can open it; its own error says the keychain is locked or gone.
    return { kind: 'keychain', reason: `sealed with the OS keychain earlier, which is not available now` };
  }
  if (!situation.encryptionAvailable) return { kind: 'file', reason: 'the OS keychain is not available: an owner-only file in the data directory' };
  return { kind: 'file', reason: 'no secret service (GNOME Keyring or KWallet) is running: an owner-only file in the data directory' };
}
