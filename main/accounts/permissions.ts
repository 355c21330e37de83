import type { ServiceId } from '../../shared/services.js';
import type { Account } from './accounts.js';

/** What a caller wants to do, in the cloud's terms. */
export type AccountAction =
  | { readonly kind: 'call'; readonly service: ServiceId }
  /** Dashboards and lists: every account may look at what it is allowed to see. */
  | { readonly kind: 'view' }
  /** Buy, import or refund packages, enable or disable services, pay-as-you-go. */
  | { readonly kind: 'manage-billing' }
  /** Create accounts and keys, change permissions. */
  | { readonly kind: 'manage-accounts' }
  /** The server's settings: ImageUrl allow list, QPS limits, port, LAN mode. */
  | { readonly kind: 'manage-server' };

/**
 * Like the cloud's policies: full access does everything; read-only only looks; a per-service
 * account calls the services it lists. Only root or a full-access account manages billing and
 * accounts. A disabled account does nothing.
 */
export function isAllowed(account: Account, action: AccountAction): boolean {
  if (account.status !== 'active') return false;
  if (account.root || account.permission.kind === 'full') return true;
  switch (action.kind) {
    case 'view':
      return true;
    case 'call':
      return account.permission.kind === 'services' && account.permission.services.includes(action.service);
    case 'manage-billing':
    case 'manage-accounts':
    case 'manage-server':
      return false;
  }
}
