import { parentPort } from 'node:worker_threads';
import { locateCards, sharpness, warpCard } from './card-geometry.js';
import { measureCard } from './card-measures.js';
import { findRules } from './find-rules.js';
import type { VisionReply, VisionRequest, VisionTaskName, VisionTasks } from './vision-protocol.js';

/**
 * The vision thread: runs one analysis at a time as the host asks. A task that throws is a bug
 * in it; the host gets its message as a failed reply, and the thread goes on.
 */
/** Buffers arrive as plain Uint8Arrays (structured clone); the analyses take Buffers. */
const asBuffer = <T extends { readonly data: Uint8Array }>(image: T): T & { data: Buffer } => ({ ...image, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) });

const tasks: { readonly [Name in VisionTaskName]: (input: VisionTasks[Name]['input']) => Promise<VisionTasks[Name]['output']> } = {
  findRules: ({ image, textHeight }) => findRules(asBuffer(image), textHeight),
  locateCards: ({ image }) => locateCards(asBuffer(image)),
  warpCard: ({ image, corners, width, height }) => warpCard(asBuffer(image), corners, width, height),
  sharpness: ({ image }) => sharpness(asBuffer(image)),
  measureCard: ({ card, side }) => measureCard(asBuffer(card), side),
};

if (!parentPort) throw new Error('vision-tasks.ts runs in the vision thread');
const port = parentPort;
port.on('message', (request: VisionRequest) => {
  void (async () => {
    let reply: VisionReply;
    try {
      reply = { id: request.id, ok: true, output: await tasks[request.task](request.input as never) };
    } catch (error) {
      reply = { id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  })();
});
