import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideOrientation, textAngle } from '../../main/engine/orientation/read-orientation.js';

test('the reported angle is the text direction, clockwise, as the cloud reports it', () => {
  assert.equal(textAngle(0, 0), 0);
  // A page turned a quarter clockwise is corrected by turning it 270 more.
  assert.equal(textAngle(270, 0), 90);
  assert.equal(textAngle(180, 0), 180);
  assert.equal(textAngle(90, 0), 270);
  assert.equal(textAngle(0, 2), 2);
  assert.equal(textAngle(0, -0.5), 359.5);
  assert.equal(textAngle(270, 1.25), 91.25);
  assert.equal(textAngle(0, -1e-7), 0);
});

test('orientation below the confidence floor is ignored rather than risked', () => {
  const base = { script: 'Latin', scriptConfidence: 10 };
  assert.deepEqual(decideOrientation({ ...base, orientationDegrees: 90, orientationConfidence: 15 }), { correction: 90, script: 'Latin' });
  assert.equal(decideOrientation({ ...base, orientationDegrees: 90, orientationConfidence: 0.4 }).correction, 0);
  assert.equal(decideOrientation({ script: null, scriptConfidence: null, orientationDegrees: null, orientationConfidence: null }).correction, 0);
});
