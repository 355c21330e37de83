import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellValue } from '../../main/export/xlsx/cell-value.js';

test('table cells become numbers the way tables write them; everything else stays text', () => {
  const number = (text: string) => {
    const value = cellValue(text);
    return value.kind === 'number' ? [value.value, value.format] : ['text', value.value];
  };
  assert.deepEqual(number('1,234.50'), [1234.5, '#,##0.00']);
  assert.deepEqual(number('(1,234)'), [-1234, '#,##0;(#,##0)']);
  assert.deepEqual(number('-12'), [-12, '0']);
  assert.deepEqual(number('−3.5'), [-3.5, '0.0'], 'a typographic minus');
  assert.deepEqual(number('12.5%'), [0.125, '0.0%']);
  assert.deepEqual(number('¥1,200'), [1200, '"¥"#,##0']);
  assert.deepEqual(number('$ 3.99'), [3.99, '"$"#,##0.00']);
  assert.deepEqual(number('1 200 元'), ['text', '1 200 元'], 'spaces as separators are not read as numbers');
  assert.deepEqual(number('300元'), [300, '"¥"#,##0']);
  assert.deepEqual(number('42'), [42, '0']);
  assert.deepEqual(number('007'), ['text', '007'], 'a leading zero stays');
  assert.deepEqual(number('0.75'), [0.75, '0.00']);
  assert.deepEqual(number('1,23'), ['text', '1,23'], 'not a thousands group');
  assert.deepEqual(number('2024-01-05'), ['text', '2024-01-05']);
  assert.deepEqual(number('N/A'), ['text', 'N/A']);
  assert.deepEqual(number(''), ['text', '']);
  assert.deepEqual(number('(-5)'), ['text', '(-5)']);
  assert.deepEqual(number('(12.5%)'), [-0.125, '0.0%;(0.0%)'], 'a percentage keeps its parentheses');
  assert.deepEqual(number('110101199003074578'), ['text', '110101199003074578'], 'an 18-digit ID card number: past 15 digits a number would change');
  assert.deepEqual(number('0.1234567890123456'), ['text', '0.1234567890123456']);
  assert.deepEqual(number('123,456,789,012,345'), [123456789012345, '#,##0'], '15 digits are kept exactly');
});
