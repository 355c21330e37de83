import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fail, ok, type Result } from '../../shared/result.js';

const run = promisify(execFile);

/**
 * This machine's id for machine-bound licences: the OS's own installation id, hashed with our
 * name so the raw id never leaves the machine. Stable across reboots and OCR Desk reinstalls;
 * a new OS installation or another machine gives another id.
 */
export async function readMachineId(platform: NodeJS.Platform = process.platform): Promise<Result<string, 'MachineIdUnavailable'>> {
  const raw = await readRawId(platform);
  if (!raw) return fail('MachineIdUnavailable', 'This machine has no readable installation id (/etc/machine-id, IOPlatformUUID or MachineGuid).');
  return ok(createHash('sha256').update(`ocr-desk machine:${raw}`).digest('hex').slice(0, 32));
}

async function readRawId(platform: NodeJS.Platform): Promise<string | null> {
  try {
    if (platform === 'linux') {
      for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
        const id = (await readFile(file, 'utf8').catch(() => '')).trim();
        if (id) return id;
      }
      return null;
    }
    if (platform === 'darwin') {
      const { stdout } = await run('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice']);
      return /"IOPlatformUUID" = "([^"]+)"/u.exec(stdout)?.[1] ?? null;
    }
    if (platform === 'win32') {
      const { stdout } = await run('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid']);
      return /MachineGuid\s+REG_SZ\s+(\S+)/u.exec(stdout)?.[1] ?? null;
    }
  } catch {
    return null;
  }
  return null;
}
