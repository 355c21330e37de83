import { z } from 'zod';

/**
 * `POST /admin/api/run`: an administration command the CLI sends to the server that owns the data
 * directory, with what it read on its side (files named in the command, a typed password).
 */
export const adminRunRequest = z.object({
  group: z.string().min(1).max(40),
  action: z.string().min(1).max(40).optional(),
  args: z.array(z.string().max(4096)).max(20),
  values: z.record(z.string(), z.union([z.string(), z.boolean()])),
  inputs: z.object({
    files: z.record(z.string(), z.string().nullable()),
    password: z.string().nullable().optional(),
  }),
});

export type AdminRunRequest = z.infer<typeof adminRunRequest>;

/** What the command printed: a result, a refusal with its code, or a mistake in the command line. */
export const adminRunAnswer = z.union([
  z.object({ kind: z.literal('done'), text: z.string(), json: z.unknown() }),
  z.object({ kind: z.literal('refused'), code: z.string(), message: z.string() }),
  z.object({ kind: z.literal('usage'), message: z.string() }),
]);

export type AdminRunAnswer = z.infer<typeof adminRunAnswer>;
