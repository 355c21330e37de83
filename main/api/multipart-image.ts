import type { FastifyRequest } from 'fastify';
import { fail, ok, type Result } from '../../shared/result.js';

/**
 * The image and text fields of a multipart upload (the plain endpoint's and the console's): one
 * file, in a field called `image`, under the size limit the multipart plugin enforces.
 */
export async function readMultipartImage(
  request: FastifyRequest,
  maxFileBytes: number,
): Promise<Result<{ image: Buffer; fields: Record<string, string> }, 'InvalidParameter' | 'MissingImage' | 'FileTooLarge'>> {
  const fields: Record<string, string> = {};
  let image: Buffer | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'image') return fail('InvalidParameter', `The file field is called "image", not "${part.fieldname}".`);
        image = await part.toBuffer();
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return fail('FileTooLarge', `The file is over ${(maxFileBytes / 1024 / 1024).toFixed(1)} MB.`);
    return fail('InvalidParameter', `The multipart body cannot be read (${code ?? 'malformed'}).`);
  }
  return image ? ok({ image, fields }) : fail('MissingImage', 'Send the image in a multipart file field called "image".');
}

/** The multipart plugin's limits for an upload of one image and a few short fields. */
export const multipartOptions = (maxFileBytes: number) => ({ limits: { files: 1, fileSize: maxFileBytes, fields: 10, fieldSize: 1000, parts: 12 } });
