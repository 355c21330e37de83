import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allText, emptyQueue, nextToStart, queueReducer, type QueueAction, type QueueState } from '../../renderer/src/recognition-queue.js';
import type { ConsoleRecognition } from '../../shared/console-api.js';

const reading = (text: string): ConsoleRecognition => ({
  page: 1,
  pageCount: 1,
  result: { text, angle: 0, language: 'eng', source: 'ocr', lines: [], width: 10, height: 10, inputWidth: 10, inputHeight: 10 },
});
const run = (actions: QueueAction[], start: QueueState = emptyQueue) => actions.reduce(queueReducer, start);
const files = (...names: string[]) => names.map((name) => ({ id: name, name, size: 100 }));

test('queue: two read at once, a failure does not stop the rest, the first result is shown', () => {
  let state = run([{ type: 'add', files: files('a.png', 'bad.png', 'c.png'), service: 'general-basic', lang: 'auto' }]);
  assert.deepEqual(nextToStart(state).map((item) => item.id), ['a.png', 'bad.png']);
  state = run([{ type: 'started', id: 'a.png' }, { type: 'started', id: 'bad.png' }, { type: 'uploaded', id: 'a.png', fraction: 1 }], state);
  assert.equal(state.items[0]!.status, 'reading');
  assert.deepEqual(nextToStart(state), [], 'two in flight');
  state = run([{ type: 'finished', id: 'bad.png', answer: { ok: false, error: { code: 'UnsupportedFormat', message: 'not an image' } } }], state);
  assert.equal(state.items[1]!.status, 'failed');
  assert.deepEqual(nextToStart(state).map((item) => item.id), ['c.png'], 'the next file goes on');
  state = run([{ type: 'finished', id: 'a.png', answer: { ok: true, value: reading('hello') } }], state);
  assert.equal(state.selected, 'a.png');
  state = run([{ type: 'retry', id: 'bad.png' }], state);
  assert.equal(state.items[1]!.status, 'waiting');
  assert.equal(allText(state), '# a.png\nhello');
});

test('queue: a cancelled file stays cancelled when its answer arrives late; finished ones are cleared', () => {
  let state = run([{ type: 'add', files: files('a.png', 'b.png'), service: 'general-fast', lang: 'eng' }, { type: 'started', id: 'a.png' }, { type: 'cancel', id: 'a.png' }]);
  state = run([{ type: 'finished', id: 'a.png', answer: { ok: true, value: reading('late') } }], state);
  assert.equal(state.items[0]!.status, 'cancelled');
  assert.equal(state.items[0]!.result, null);
  state = run([{ type: 'cancel', id: 'a.png' }, { type: 'clear-finished' }], state);
  assert.deepEqual(state.items.map((item) => item.id), ['b.png']);
});

test('queue: reading progress moves forward only, and names the page of a document', () => {
  let state = run([{ type: 'add', files: files('doc.pdf'), service: 'general-basic', lang: 'auto' }, { type: 'started', id: 'doc.pdf' }, { type: 'uploaded', id: 'doc.pdf', fraction: 0.5 }]);
  assert.equal(state.items[0]!.progress, 0.5);
  state = run([{ type: 'uploaded', id: 'doc.pdf', fraction: 1 }], state);
  assert.equal(state.items[0]!.status, 'reading');
  assert.equal(state.items[0]!.progress, null, 'indeterminate until the server reports');
  state = run([{ type: 'reading', id: 'doc.pdf', fraction: 0.6, page: 2, pages: 3 }, { type: 'reading', id: 'doc.pdf', fraction: 0.4, page: 2, pages: 3 }], state);
  assert.equal(state.items[0]!.progress, 0.6);
  assert.deepEqual(state.items[0]!.page, { at: 2, of: 3 });
});

test('queue: the first page of a multi-page file brings its other pages in behind it', () => {
  const document: ConsoleRecognition = { ...reading('page one'), pageCount: 3 };
  let state = run([{ type: 'add', files: files('doc.pdf', 'next.png'), service: 'general-basic', lang: 'auto' }, { type: 'started', id: 'doc.pdf' }]);
  state = run([{ type: 'finished', id: 'doc.pdf', answer: { ok: true, value: document } }], state);
  assert.deepEqual(state.items.map((item) => [item.name, item.pageNumber, item.fileId]), [
    ['doc.pdf', 1, 'doc.pdf'],
    ['doc.pdf (2/3)', 2, 'doc.pdf'],
    ['doc.pdf (3/3)', 3, 'doc.pdf'],
    ['next.png', 1, 'next.png'],
  ]);
  state = run([{ type: 'started', id: 'doc.pdf-page-2' }, { type: 'finished', id: 'doc.pdf-page-2', answer: { ok: true, value: { ...reading('page two'), page: 2, pageCount: 3 } } }], state);
  assert.equal(state.items.length, 4, 'later pages add nothing more');
});
