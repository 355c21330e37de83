import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinWords, type PlacedWord } from '../../main/engine/recognize/join-words.js';

/** Words laid out left to right with the given gaps (px) between them, on a 40 px line. */
function line(texts: readonly string[], gaps: readonly number[] = []): PlacedWord[] {
  let x = 0;
  return texts.map((text, i) => {
    const word = { text, box: { x, y: 0, width: 30 * [...text].length, height: 40 } };
    x += word.box.width + (gaps[i] ?? 12);
    return word;
  });
}

test('the model spaces between Chinese and Thai characters are removed', () => {
  assert.equal(joinWords(line(['网', '络', '支付', '并', '无']), 40), '网络支付并无');
  assert.equal(joinWords(line(['離線', '識別', '，', '圖片']), 40), '離線識別，圖片');
  assert.equal(joinWords(line(['ก', 'า', 'ร']), 40), 'การ');
  // Characters outside the Basic Multilingual Plane (rare CJK, surrogate pairs in JS strings).
  assert.equal(joinWords(line(['𠀀', '𠮷', '野家']), 40), '𠀀𠮷野家');
});

test('spaces between Latin words stay, and none is put next to a CJK character', () => {
  assert.equal(joinWords(line(['Invoice', '2024', 'Total']), 40), 'Invoice 2024 Total');
  assert.equal(joinWords(line(['使用', 'API', '3.0', '接口']), 40), '使用API 3.0接口');
  assert.equal(joinWords(line(['共', '3', '个']), 40), '共3个');
});

test('Korean keeps the spaces the ink shows and drops the ones between syllables of a word', () => {
  // 인 식 은 are syllables 2 px apart (one word); 문자 and 인식은 are 14 px apart (two words).
  assert.equal(joinWords(line(['문자', '인', '식', '은'], [14, 2, 2]), 40), '문자 인식은');
  assert.equal(joinWords(line(['안녕하세요', '세계'], [14]), 40), '안녕하세요 세계');
});
