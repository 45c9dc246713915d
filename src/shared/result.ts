// What every call across the contract answers (and what main's services return): a value,
// or an error with a code the renderer translates and an English message for logs and
// the CLI. Apart from ipc.ts so that the types both sides share (importPlan.ts…) can
// name an error without importing the whole contract.

/** Why a call failed. The renderer shows `errors.<code>` from its messages; `message` is
 *  the English fallback for logs and the CLI. */
export const ERROR_CODES = [
  'unknownChannel',
  'badPayload',
  'forbiddenSender',
  'forbiddenUrl',
  'cancelled',
  'fileTooLarge',
  'fileUnreadable',
  'fileEmpty',
  'fileBinary',
  'badFormat',
  'folderNotEmpty',
  'portBusy',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CarnetError {
  code: ErrorCode;
  message: string;
  /** Values for the translated message, e.g. { name: 'photo.heic' }. */
  detail?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CarnetError };

export function fail(
  code: ErrorCode,
  message: string,
  detail?: CarnetError['detail'],
): {
  ok: false;
  error: CarnetError;
} {
  return detail ? { ok: false, error: { code, message, detail } } : { ok: false, error: { code, message } };
}
