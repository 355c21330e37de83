import { crc32 } from 'node:zlib';

/**
 * Byte-level images that no real corpus holds: malformed and hostile files. Each is built by hand
 * so the test says exactly what is wrong with it.
 */

/** A GIF89a with `frames` 1x1 frames (2-colour palette, one LZW-coded pixel each). */
export function gifWithFrames(frames: number): Buffer {
  const header = Buffer.from('GIF89a', 'latin1');
  const screen = Buffer.from([0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff]);
  const loop = Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0', 'latin1'), 0x03, 0x01, 0x00, 0x00, 0x00]);
  const frame = Buffer.from([
    0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00, // graphic control: 100 ms
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // image descriptor 1x1
    0x02, 0x02, 0x44, 0x01, 0x00, // LZW min code size 2, one data block, terminator
  ]);
  return Buffer.concat([header, screen, ...(frames > 1 ? [loop] : []), ...Array.from({ length: frames }, () => frame), Buffer.from([0x3b])]);
}

/** A real PNG whose header claims another size: a decompression bomb when the claim is huge. */
export function pngClaimingSize(png: Buffer, width: number, height: number): Buffer {
  const patched = Buffer.from(png);
  patched.writeUInt32BE(width, 16);
  patched.writeUInt32BE(height, 20);
  // The IHDR CRC covers the chunk type and data (bytes 12..28).
  patched.writeUInt32BE(crc32(patched.subarray(12, 29)), 29);
  return patched;
}
