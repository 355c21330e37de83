// @ts-check
'use strict';
/*
 * The thread side of one OCR worker: tesseract.js's own worker script with our adapter.
 *
 * Why not tesseract.js's stock node adapter:
 * - it picks the legacy-capable wasm core even for LSTM-only work (it passes a boolean where an
 *   OEM number is expected), which makes every worker start ~30% slower;
 * - it reads `<langPath>/<lang>.traineddata.gz` from a single folder, while our models live in
 *   one npm package per language plus the models we carry in `assets/tessdata`: the host sends
 *   the model bytes instead, and file reads refuse;
 * - it can fetch from a CDN. Here nothing may leave the machine: fetch refuses.
 * The protocol ({workerId, jobId, action, payload} in, {jobId, status, data} out) is unchanged.
 */
const { parentPort } = require('node:worker_threads');
const { gunzipSync } = require('node:zlib');
const tesseractWorker = require('tesseract.js/src/worker-script');

if (!parentPort) throw new Error('worker-thread.cjs must run inside a worker thread');

/** @type {any} */
let core = null;

/**
 * @param {unknown} mode true/1/3 select the LSTM-only core (smaller, faster to start).
 */
async function getCore(mode) {
  if (core === null) {
    const lstmOnly = mode === true || mode === 1 || mode === 3;
    const factory = require(lstmOnly ? 'tesseract.js-core/tesseract-core-simd-lstm' : 'tesseract.js-core/tesseract-core-simd');
    // Tesseract prints parameter and resolution warnings to the console; they would garble the
    // CLI's progress bar and the server's logs. OCR_DESK_TESSERACT_DEBUG=1 shows them.
    const quiet = process.env['OCR_DESK_TESSERACT_DEBUG'] !== '1';
    core = quiet
      ? (/** @type {Record<string, unknown>} */ options) => factory({ ...options, print: () => {}, printErr: () => {} })
      : factory;
  }
  return core;
}

async function refuse() {
  throw new Error('OCR Desk hands models to its workers as bytes: nothing is fetched or read here');
}

tesseractWorker.setAdapter({
  getCore,
  gunzip: gunzipSync,
  fetch: refuse,
  // Models arrive as bytes from the host (tesseract-worker.ts); nothing is read or cached here.
  readCache: refuse,
  writeCache: async () => undefined,
  deleteCache: async () => undefined,
  checkCache: async () => false,
});

const port = parentPort;
port.on('message', (packet) => {
  tesseractWorker.dispatchHandlers(packet, (/** @type {unknown} */ reply) => port.postMessage(reply));
});
