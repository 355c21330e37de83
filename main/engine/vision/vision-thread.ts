import { Worker } from 'node:worker_threads';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { VisionReply, VisionRequest, VisionTaskName, VisionTasks } from './vision-protocol.js';

export interface VisionThread {
  /** Runs an analysis in the thread; a crash or a bug in it is EngineFailed, never a rejection. */
  run<Name extends VisionTaskName>(task: Name, input: VisionTasks[Name]['input']): Promise<Result<VisionTasks[Name]['output'], 'EngineFailed'>>;
  /** Stops the thread (awaited); calls after this fail. */
  close(): Promise<void>;
}

const entry = new URL('./vision-thread.mjs', import.meta.url);

/**
 * OpenCV's per-pixel work (table rules, and the card analyses after them) in a thread of its own:
 * a page's analysis takes 0.1-0.5 s, which on the main thread would stall every HTTP request, and
 * the ~60 MB WebAssembly heap lives and dies with the thread. Started on first use; a thread that
 * dies is replaced by the next call. Callers are bounded by the engine's admission, so the
 * thread's line is too.
 */
export function createVisionThread(): VisionThread {
  let thread: Worker | null = null;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, (reply: VisionReply) => void>();

  const start = (): Worker => {
    const started = new Worker(entry);
    const failAll = (message: string) => {
      if (thread === started) thread = null;
      for (const settle of pending.values()) settle({ id: 0, ok: false, message });
      pending.clear();
    };
    started.on('message', (reply: VisionReply) => {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
    });
    started.on('error', (error) => failAll(`the vision thread crashed: ${error.message}`));
    started.on('exit', (code) => failAll(`the vision thread stopped (exit code ${code})`));
    return started;
  };

  return {
    run(task, input) {
      if (closed) return Promise.resolve(fail('EngineFailed', 'The engine has been shut down.'));
      thread ??= start();
      const id = nextId++;
      const request: VisionRequest = { id, task, input };
      const running = thread;
      return new Promise((resolve) => {
        pending.set(id, (reply) => resolve(reply.ok ? ok(reply.output as VisionTasks[typeof task]['output']) : fail('EngineFailed', `Image analysis failed: ${reply.message}`)));
        // Held while it has work, so a caller's wait keeps the process; an idle thread does not.
        running.ref();
        running.postMessage(request);
      });
    },
    async close() {
      closed = true;
      const stopping = thread;
      thread = null;
      if (stopping) await stopping.terminate();
    },
  };
}
