/** Formats recognised by their first bytes. The file name is never consulted. */
export type ImageFormat = 'jpeg' | 'png' | 'bmp' | 'tiff' | 'webp' | 'gif' | 'pdf';

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Detects the container format by magic bytes; null when it is none we know. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  // Classic TIFF (42) and BigTIFF (43), little and big endian.
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  // "BM" alone is too weak (plain text can start with it): also require a sane header size.
  if (startsWith(bytes, ascii('BM')) && bytes.length >= 26) {
    const dibHeaderSize = bytes[14]! | (bytes[15]! << 8) | (bytes[16]! << 16) | (bytes[17]! << 24);
    // 40 and up: Windows headers with 32-bit sizes. OS/2's 12-byte header (16-bit sizes) is too
    // rare to carry a decoder for; it is refused as an unknown format rather than misread.
    if ([40, 52, 56, 64, 108, 124].includes(dibHeaderSize)) return 'bmp';
  }
  return null;
}
