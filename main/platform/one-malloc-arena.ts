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
 * Returns null when this process should do the work itself (not Linux, the limit already set, or
 * the child could not start); otherwise the child's exit code, signals as 128 + number.
 */
export async function relaunchWithOneMallocArena(): Promise<number | null> {
  if (process.platform !== 'linux' || process.env[arenaVariable] !== undefined) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [arenaVariable]: '1' },
    // Its own process group, so a Ctrl-C reaches it once, forwarded from here, not twice.
    detached: true,
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
