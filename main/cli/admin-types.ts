import type { Failure, Result } from '../../shared/result.js';
import type { Workspace } from '../services/open-workspace.js';

/** What an admin subcommand prints: text for people, one JSON document with --json. */
export type Outcome = { readonly text: string; readonly json: unknown } | Failure;

/** A mistake in the command line itself (exit 2), as opposed to a refusal (exit 1). */
export class UsageError {
  constructor(readonly message: string) {}
}

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** One administration command, as the CLI parsed it: what a running server is sent. */
export interface AdminRequest {
  readonly group: string;
  readonly action?: string;
  readonly args: readonly string[];
  readonly values: OptionValues;
}

/**
 * What a subcommand reads from the caller's side: files named on the command line, a password
 * typed at the terminal. Local runs read them directly; a command sent to a running server carries
 * them along, read by the CLI first (admin-remote.ts).
 */
export interface AdminInputs {
  readText(file: string): Promise<string | null>;
  /** The new password typed twice (null when the two differ). */
  readPassword(): Promise<string | null>;
}

export type Subcommand = (workspace: Workspace, args: readonly string[], values: OptionValues, inputs: AdminInputs) => Promise<Outcome | UsageError>;

export const done = <T>(result: Result<T>, show: (value: T) => { text: string; json: unknown }): Outcome => (result.ok ? show(result.value) : result.error);

export const exactlyOne = (args: readonly string[], what: string): string | UsageError => (args.length === 1 ? args[0]! : new UsageError(`give exactly one ${what}`));

export const stringOption = (values: OptionValues, name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

/** `disable X` and `enable X` for one kind of thing. */
export function switches(what: string, turn: (workspace: Workspace, target: string, on: boolean) => Promise<Outcome>): Record<'disable' | 'enable', Subcommand> {
  const command =
    (on: boolean): Subcommand =>
    async (workspace, args) => {
      const target = exactlyOne(args, what);
      return target instanceof UsageError ? target : turn(workspace, target, on);
    };
  return { disable: command(false), enable: command(true) };
}

/** The CLI acts as root: whoever can run it can open the data directory's files anyway. */
export const rootOf = (workspace: Workspace) => workspace.accounts.list().find((account) => account.root)!;
