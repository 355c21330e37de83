import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskForLog, maskText } from '../../main/platform/mask-for-log.js';

test('ID numbers, SecretIds and base64 runs are masked wherever they appear in text', () => {
  assert.equal(maskText('id 11010119900307123X in text'), 'id [ID number masked] in text');
  assert.equal(maskText('old 110101900307123'), 'old [ID number masked]');
  assert.equal(maskText('order 12345678901234567890123'), 'order 12345678901234567890123', 'longer digit runs are not ID numbers');
  assert.equal(maskText('key AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE used'), 'key AKID****MPLE used');
  assert.match(maskText(`data ${'iVBORw0KGgo'.repeat(10)}`), /^data \[110 characters masked\]$/u);
});

test('fields that hold secrets or personal data are masked by name, at any depth', () => {
  const masked = maskForLog({ action: 'IDCardOCR', nested: { Name: '张三', Address: '北京市', ImageBase64: 'abc', secretKey: 'k', count: 3 }, list: ['AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE'] });
  assert.deepEqual(masked, { action: 'IDCardOCR', nested: { Name: '[masked]', Address: '[masked]', ImageBase64: '[masked]', secretKey: '[masked]', count: 3 }, list: ['AKID****MPLE'] });
});
