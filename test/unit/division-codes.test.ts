import assert from 'node:assert/strict';
import { test } from 'node:test';
import { divisionOf, divisionTableSize, regionOf } from '../../main/engine/idcard/division-codes.js';

test('current divisions are named province first, grouping levels left out', () => {
  assert.deepEqual(divisionOf('320102'), { code: '320102', name: '江苏省南京市玄武区', exact: true, current: true });
  assert.equal(regionOf('110101'), '北京市东城区'); // 110100 市辖区 names nothing
  assert.equal(regionOf('500101'), '重庆市万州区');
  assert.equal(regionOf('429004'), '湖北省仙桃市'); // under 省直辖县级行政区划
  assert.equal(regionOf('441900'), '广东省东莞市'); // a prefecture without counties
  assert.equal(regionOf('440000'), '广东省');
  assert.equal(regionOf('330383'), '浙江省温州市龙港市'); // created 2019
});

test('retired divisions are still found: a number keeps the code it was issued under', () => {
  assert.deepEqual(divisionOf('110103'), { code: '110103', name: '北京市崇文区', exact: true, current: false }); // merged 2010
  assert.equal(regionOf('110104'), '北京市宣武区');
  assert.equal(regionOf('120107'), '天津市塘沽区'); // into 滨海新区, 2009
  assert.equal(regionOf('341400'), '安徽省巢湖市'); // the prefecture dissolved in 2011
  assert.equal(regionOf('341421'), '安徽省巢湖市庐江县'); // named as it was, under its old prefecture
  assert.equal(regionOf('110229'), '北京市延庆县'); // 延庆区 (110119) since 2015
  assert.equal(regionOf('110119'), '北京市延庆区');
});

test('a renamed code takes its current name', () => {
  assert.deepEqual(divisionOf('130502'), { code: '130502', name: '河北省邢台市襄都区', exact: true, current: true }); // 桥东区 until 2020
});

test('an unknown county is named by its prefecture or province; an unknown province has no region', () => {
  assert.deepEqual(divisionOf('320199'), { code: '320199', name: '江苏省南京市', exact: false, current: false });
  assert.deepEqual(divisionOf('329901'), { code: '329901', name: '江苏省', exact: false, current: false });
  assert.equal(divisionOf('990101'), null);
  assert.equal(divisionOf('000000'), null);
  assert.equal(regionOf('990101'), null);
  assert.equal(divisionOf('32010'), null);
  assert.equal(divisionOf('32O102'), null);
});

test('the table: current codes plus those retired since 2002, nothing more', () => {
  const size = divisionTableSize();
  assert.ok(size.current >= 3600 && size.current < 4000, JSON.stringify(size));
  assert.ok(size.retired >= 400 && size.retired < 1000, JSON.stringify(size));
  assert.equal(size.codes, size.current + size.retired);
});
