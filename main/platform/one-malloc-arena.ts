import { spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';

const arenaVariable = 'MALLOC_ARENA_MAX';
const forwardedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * glibc gives every thread that allocates its own malloc arena and keeps freed memory per arena.
 * OCR Desk runs a thread per OCR worker plus libvips's threads, so pages read leave memory behind
 * in many arenas: with one arena the bench's 37-image throughput pass peaked at 458 MB instead of
 * 548 MB, at the same speed (README, "Speed"). glibc reads the limit only when a process starts,
 * so the long-running entry points (CLI, bench, later the server) run Node again with it set.
 *
 * The child stays in this process's group (Ctrl-Z, `kill -- -PGID` and the terminal reach both);
 * signals sent to this process alone are forwarded, so the child may see a Ctrl-C twice and must
 * treat SIGINT as idempotent. If this process dies without forwarding (SIGKILL), the child sees
 * its IPC channel close and stops itself (stopWithParent).
 *
 * Returns null when this process should do the work itself (not Linux, the limit already set, or
 * the child could not start); otherwise the child's exit code, signals as 128 + number.
 */
export async function relaunchWithOneMallocArena(): Promise<number | null> {
  if (process.platform !== 'linux' || process.env[arenaVariable] !== undefined) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [arenaVariable]: '1' },
  });
  const spawned = await Promise.race([once(child, 'spawn').then(() => true), once(child, 'error').then(() => false)]);
  if (!spawned) return null;
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of forwardedSignals) process.on(signal, forward);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return signal ? 128 + (os.constants.signals[signal] ?? 0) : (code ?? 1);
  } finally {
    for (const signal of forwardedSignals) process.off(signal, forward);
  }
}

/**
 * In a relaunched child: when the launcher is gone (its IPC channel closes), stop as if sent
 * SIGTERM, rather than run on unowned. The channel does not keep the process alive.
 */
export function stopWithParent(): void {
  if (!process.channel) return;
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
