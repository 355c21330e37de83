import { z } from 'zod';

/**
 * Values as both wire forms carry them. The JSON form (TC3) sends real booleans and numbers; the
 * older form signature sends every value as a string (`"true"`, `"2"`), and the SDKs still use it,
 * so both are accepted.
 */
export const wireBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')]);

export const wirePositiveInt = z.union([z.number(), z.string().regex(/^\d+$/u, 'must be a whole number').transform(Number)]).pipe(z.number().int().min(1).max(1_000_000));

/** An image field: absent, null or empty means not given. */
export const wireImageText = z.string().nullish().transform((text) => (text ? text : undefined));
