import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allResults, allText, emptyQueue, nextToStart, queueReducer, type QueueAction, type QueueResult, type QueueState } from '../../renderer/src/recognition-queue.js';
import type { ConsoleIdCardReading, ConsoleRecognition } from '../../shared/console-api.js';

const page = (text: string): ConsoleRecognition => ({
  page: 1,
  pageCount: 1,
  result: { text, angle: 0, language: 'eng', source: 'ocr', lines: [], width: 10, height: 10, inputWidth: 10, inputHeight: 10 },
});
const reading = (text: string): QueueResult => ({ kind: 'text', reading: page(text) });
// A front as /idcard answers it (made up for the reducer: no engine involved).
const front: ConsoleIdCardReading = {
  reading: {
    side: 'FRONT',
    fields: { name: '张三', sex: '男', nation: '汉', birth: '1990/1/2', address: '北京市东城区某街1号', idNum: '11010119900102001X', authority: '', validDate: '' },
    confidence: { name: 90 },
    checks: { checkDigitValid: true, birthMatches: true, sexMatches: true, region: '北京市东城区', validDateWellFormed: null },
    corners: [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 6 },
      { x: 0, y: 6 },
    ],
    imageWidth: 10,
    imageHeight: 6,
    warnings: [],
    quality: 80,
    borderCodeValue: 100,
    reflections: [],
  },
};
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
  const document: QueueResult = { kind: 'text', reading: { ...page('page one'), pageCount: 3 } };
  let state = run([{ type: 'add', files: files('doc.pdf', 'next.png'), service: 'general-basic', lang: 'auto' }, { type: 'started', id: 'doc.pdf' }]);
  state = run([{ type: 'finished', id: 'doc.pdf', answer: { ok: true, value: document } }], state);
  assert.deepEqual(state.items.map((item) => [item.name, item.pageNumber, item.fileId]), [
    ['doc.pdf', 1, 'doc.pdf'],
    ['doc.pdf (2/3)', 2, 'doc.pdf'],
    ['doc.pdf (3/3)', 3, 'doc.pdf'],
    ['next.png', 1, 'next.png'],
  ]);
  state = run([{ type: 'started', id: 'doc.pdf-page-2' }, { type: 'finished', id: 'doc.pdf-page-2', answer: { ok: true, value: { kind: 'text', reading: { ...page('page two'), page: 2, pageCount: 3 } } } }], state);
  assert.equal(state.items.length, 4, 'later pages add nothing more');
});

test('queue: an ID card keeps its chosen side through a retry, brings no pages, and exports as the card labels it', () => {
  let state = run([
    { type: 'add', files: files('card.jpg'), service: 'idcard', lang: 'auto', cardSide: 'FRONT' },
    { type: 'add', files: files('page.png'), service: 'general-basic', lang: 'auto', cardSide: 'BACK' },
  ]);
  assert.equal(state.items[0]!.cardSide, 'FRONT');
  assert.equal(state.items[1]!.cardSide, null, 'only a card reading asks for a side');
  state = run([{ type: 'started', id: 'card.jpg' }, { type: 'finished', id: 'card.jpg', answer: { ok: false, error: { code: 'CardSideMismatch', message: 'the back' } } }, { type: 'retry', id: 'card.jpg' }], state);
  assert.deepEqual([state.items[0]!.status, state.items[0]!.cardSide], ['waiting', 'FRONT']);
  state = run([{ type: 'started', id: 'card.jpg' }, { type: 'finished', id: 'card.jpg', answer: { ok: true, value: { kind: 'idcard', reading: front } } }], state);
  assert.equal(state.items.length, 2, 'a card is one image');
  assert.equal(state.selected, 'card.jpg');
  assert.equal(state.items[0]!.result?.kind, 'idcard');
  state = run([{ type: 'started', id: 'page.png' }, { type: 'finished', id: 'page.png', answer: { ok: true, value: reading('hello') } }], state);
  assert.equal(allText(state), '# card.jpg\n姓名: 张三\n性别: 男\n民族: 汉\n出生: 1990/1/2\n住址: 北京市东城区某街1号\n公民身份号码: 11010119900102001X\n\n# page.png\nhello');
  const [card, text] = allResults(state);
  assert.deepEqual(card, { file: 'card.jpg', service: 'idcard', ...front });
  assert.deepEqual(text, { file: 'page.png', service: 'general-basic', ...page('hello') });
});
