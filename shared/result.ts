/**
 * Expected failures travel as values, never as exceptions: every door (CLI, HTTP, UI) can
 * show `error.message` to a person and switch on `error.code` without parsing text.
 */
export interface Failure<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
}

export type Result<T, Code extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: Failure<Code> };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<Code extends string>(code: Code, message: string): { readonly ok: false; readonly error: Failure<Code> } {
  return { ok: false, error: { code, message } };
}
