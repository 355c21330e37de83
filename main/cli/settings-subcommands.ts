import { isCloudActionName } from '../../shared/cloud-api/cloud-actions.js';
import type { ServerSettings } from '../../shared/server-settings.js';
import { done, rootOf, UsageError, type Subcommand } from './admin-types.js';

function describe(settings: ServerSettings): string {
  const qps = Object.entries(settings.qps).map(([action, limit]) => `${action}=${limit}`);
  return [
    `image-url-hosts  ${settings.imageUrlHosts.join(' ') || '(none: ImageUrl is not fetched)'}`,
    `qps              ${qps.join(' ') || '(the cloud\'s defaults)'}`,
    `port             ${settings.port ?? '(default: 8766, or the next free one)'}`,
    `lan              ${settings.lan.enabled ? 'on (HTTPS on every interface)' : 'off (127.0.0.1 only)'}`,
    `lan-hosts        ${settings.lan.hostNames.join(' ') || '(this machine\'s name and addresses only)'}`,
  ].join('\n');
}

/** What each `settings set NAME ...` changes; a usage error when the values do not fit. */
const setters: Record<string, (values: readonly string[]) => ((draft: ServerSettings) => void) | UsageError> = {
  'image-url-hosts': (hosts) => (draft) => void (draft.imageUrlHosts = [...hosts]),
  'lan-hosts': (hosts) => (draft) => void (draft.lan.hostNames = [...hosts]),
  port: ([value, ...rest]) => {
    if (value === undefined || rest.length > 0 || !(value === 'default' || /^\d+$/u.test(value))) return new UsageError('settings set port takes a port number or "default"');
    return (draft) => void (draft.port = value === 'default' ? null : Number(value));
  },
  lan: ([value, ...rest]) => {
    if ((value !== 'on' && value !== 'off') || rest.length > 0) return new UsageError('settings set lan takes on or off');
    return (draft) => void (draft.lan.enabled = value === 'on');
  },
  qps: (pairs) => {
    const changes: Array<[string, number | null]> = [];
    for (const pair of pairs) {
      const [action = '', limit = ''] = pair.split('=');
      if (!isCloudActionName(action) || !(limit === 'default' || /^\d+$/u.test(limit))) return new UsageError(`settings set qps takes ACTION=N or ACTION=default, not "${pair}"`);
      changes.push([action, limit === 'default' ? null : Number(limit)]);
    }
    if (changes.length === 0) return new UsageError('settings set qps needs at least one ACTION=N');
    return (draft) => {
      for (const [action, limit] of changes) {
        if (limit === null) delete (draft.qps as Record<string, number>)[action];
        else (draft.qps as Record<string, number>)[action] = limit;
      }
    };
  },
};

/** Which settings apply to a running server at once, and which at its next start. */
const appliesAtOnce = new Set(['image-url-hosts', 'qps']);

/** `ocr-desk settings show | set NAME VALUE...` */
export const settingsSubcommands: Record<string, Subcommand> = {
  async show(workspace) {
    const settings = workspace.settings.get();
    return { text: describe(settings), json: { settings } };
  },
  async set(workspace, args) {
    const [name = '', ...values] = args;
    const setter = setters[name];
    if (!setter) return new UsageError(`settings set takes one of: ${Object.keys(setters).join(', ')}`);
    const change = setter(values);
    if (change instanceof UsageError) return change;
    const when = appliesAtOnce.has(name) ? 'It applies at once, also to a running server.' : 'It applies when the server next starts.';
    return done(await workspace.settings.update(rootOf(workspace), change), (settings) => ({ text: `${describe(settings)}\n${when}`, json: { settings } }));
  },
};
