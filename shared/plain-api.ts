import { z } from 'zod';
import { serviceIds } from './services.js';

/**
 * `POST /v1/ocr`, the plain endpoint for scripts: JSON `{"image": "<base64>", ...}` or multipart
 * with a file field `image` and the same fields as text. It answers the CLI's JSON record without
 * `file`: `{"ok":true,"page":1,"pageCount":1,"result":{...}}` or `{"ok":false,"error":{code,message}}`.
 * The table services answer `"tables"` (a TableReading, `table-result.ts`) in place of `"result"`;
 * the ID card service `"card"` (an IdCardReading, `idcard-result.ts`, every warning measured).
 */
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((text) => text === 'true' || text === '1')]);

export const plainOcrRequest = z.object({
  service: z.enum(serviceIds).default('general-basic'),
  lang: z.string().min(1).max(100).optional(),
  page: z.union([z.number(), z.string().regex(/^\d+$/u).transform(Number)]).pipe(z.number().int().min(1)).optional(),
  singleLine: flag.optional(),
});

export const plainOcrJsonRequest = plainOcrRequest.extend({ image: z.string().min(1) });

export type PlainOcrRequest = z.infer<typeof plainOcrRequest>;
