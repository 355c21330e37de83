import { z } from 'zod';
import { cloudActions } from './cloud-api/cloud-actions.js';

/**
 * The server's settings, kept in db.json so `serve`, the CLI and the UI share them. The ImageUrl
 * allow list and the QPS limits apply to a running server at once; the port and LAN mode at its
 * next start. `serve` flags override them for one run.
 */
const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9.-]+$|^[0-9a-f:.]+$/u, 'a host name, *.domain, or an IP address')
  .max(253);

const actionNames = Object.keys(cloudActions) as [keyof typeof cloudActions, ...Array<keyof typeof cloudActions>];

export const serverSettingsSchema = z.object({
  /** Hosts an ImageUrl may name (none by default: nothing is fetched). */
  imageUrlHosts: z.array(hostName).max(200),
  /** Requests a second per key where not the cloud's default. */
  qps: z.partialRecord(z.enum(actionNames), z.number().int().min(1).max(10_000)),
  /** Null: the default port, or the next free one. */
  port: z.number().int().min(0).max(65_535).nullable(),
  lan: z.object({ enabled: z.boolean(), hostNames: z.array(hostName).max(50) }),
});

export type ServerSettings = z.infer<typeof serverSettingsSchema>;

export const defaultServerSettings = (): ServerSettings => ({ imageUrlHosts: [], qps: {}, port: null, lan: { enabled: false, hostNames: [] } });
