import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinWords } from '../../main/engine/recognize/join-words.js';

test('the model spaces between Chinese characters are removed', () => {
  assert.equal(joinWords(['网', '络', '支付', '并', '无']), '网络支付并无');
  assert.equal(joinWords(['離線', '識別', '，', '圖片']), '離線識別，圖片');
});

test('spaces between Latin words stay, and none is put next to a CJK character', () => {
  assert.equal(joinWords(['Invoice', '2024', 'Total']), 'Invoice 2024 Total');
  assert.equal(joinWords(['使用', 'API', '3.0', '接口']), '使用API 3.0接口');
  assert.equal(joinWords(['共', '3', '个']), '共3个');
});

test('Korean keeps its spaces: Hangul is written with spaces between words', () => {
  assert.equal(joinWords(['안녕하세요', '세계']), '안녕하세요 세계');
});
