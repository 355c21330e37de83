/**
 * Posts alerts to the deployment's webhook without ever holding up a call: a bounded queue, one
 * delivery at a time, each retried with doubling delays. What cannot be delivered is dropped
 * after the last try (the alert stays in the in-app notification list either way).
 */
export interface WebhookSender {
  /** Queues a POST of `payload` as JSON; false when the queue is full and it was dropped. */
  send(url: string, payload: unknown): boolean;
  /** Stops retrying, waits for the delivery in flight, and drops the rest. */
  close(): Promise<void>;
}

export interface WebhookSenderOptions {
  /** Delivers once: true on a 2xx answer. Default: fetch with a 10 s limit. */
  readonly post?: (url: string, body: string) => Promise<boolean>;
  readonly maxQueued?: number;
  readonly attempts?: number;
  /** Delay before the second try; each further try waits twice as long. */
  readonly firstRetryMs?: number;
}

async function postJson(url: string, body: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function createWebhookSender(options: WebhookSenderOptions = {}): WebhookSender {
  const post = options.post ?? postJson;
  const maxQueued = options.maxQueued ?? 100;
  const attempts = options.attempts ?? 5;
  const firstRetryMs = options.firstRetryMs ?? 2_000;
  const queue: Array<{ url: string; body: string }> = [];
  let closed = false;
  let draining: Promise<void> | null = null;
  let wakeEarly: (() => void) | null = null;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeEarly = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const drain = async () => {
    while (!closed && queue.length > 0) {
      const { url, body } = queue.shift()!;
      for (let attempt = 1; attempt <= attempts && !closed; attempt += 1) {
        if (await post(url, body)) break;
        if (attempt < attempts) await pause(firstRetryMs * 2 ** (attempt - 1));
      }
    }
    draining = null;
  };

  return {
    send(url, payload) {
      if (closed || queue.length >= maxQueued) return false;
      queue.push({ url, body: JSON.stringify(payload) });
      draining ??= drain();
      return true;
    },
    async close() {
      closed = true;
      queue.length = 0;
      wakeEarly?.();
      await draining;
    },
  };
}
