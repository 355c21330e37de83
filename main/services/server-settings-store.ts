import { fail, ok, type Result } from '../../shared/result.js';
import { serverSettingsSchema, type ServerSettings } from '../../shared/server-settings.js';
import type { StoreErrorCode } from '../../shared/store-errors.js';
import type { Account } from '../accounts/accounts.js';
import { isAllowed } from '../accounts/permissions.js';
import type { StateStore } from '../store/state-store.js';
import { describeProblems } from '../../shared/schema-problems.js';

export interface ServerSettingsStore {
  /** The settings as they are now (a running server reads them on every request that needs them). */
  get(): ServerSettings;
  /** Changes them if the actor may and the result is valid; nothing is written otherwise. */
  update(actor: Account, change: (draft: ServerSettings) => void): Promise<Result<ServerSettings, 'NotAllowed' | 'InvalidSetting' | StoreErrorCode>>;
}

/** The server's settings in db.json (shared/server-settings.ts says what each means). */
export function createServerSettingsStore(state: StateStore): ServerSettingsStore {
  return {
    get: () => structuredClone(state.state.server),
    async update(actor, change) {
      if (!isAllowed(actor, { kind: 'manage-server' })) return fail('NotAllowed', `The account ${actor.name} may not change the server's settings.`);
      const draft = structuredClone(state.state.server);
      change(draft);
      const checked = serverSettingsSchema.safeParse(draft);
      if (!checked.success) return fail('InvalidSetting', `Not a valid setting: ${describeProblems(checked.error)}.`);
      const written = await state.update((document) => void (document.server = checked.data));
      return written.ok ? ok(structuredClone(checked.data)) : written;
    },
  };
}
