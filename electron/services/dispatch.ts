// One path for every transport: parse the input with the contract's schema, run the service,
// check the output, and turn anything thrown into {code, message} in the user's language.
import type { z } from 'zod';
import { api, isCallName, type CallResult } from '../../shared/api';
import { isReadOnlyError } from '../../db/register';
import { AppError, type ApiErrorBody } from '../../shared/errors';
import { isMessageKey, translate, type Language } from '../../shared/i18n';
import { isAsyncCall } from '../../shared/letters';
import type { ServiceContext } from './context';
import { recordFault } from './faults';
import { asyncHandlers, handlers } from './handlers';

export function dispatch(ctx: ServiceContext, name: unknown, rawInput: unknown, lang: Language): CallResult<unknown> {
  if (!isCallName(name)) {
    return fail('unknown_call', translate(lang, 'error.unknownCall', { name: String(name).slice(0, 80) }));
  }
  const contract = api[name];
  const parsed = contract.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error, lang) };
  // A call that renders or signs a PDF cannot answer at once: transports take dispatchAsync.
  if (isAsyncCall(name)) return fail('async_call', translate(lang, 'error.asyncCall', { name }));
  try {
    const handler = handlers[name] as (ctx: ServiceContext, input: unknown) => unknown;
    const value = handler(ctx, parsed.data);
    // The output schemas are the types the services are compiled against; checking every row again
    // at run time costs more than the query itself, so it is done where mistakes are found: in the
    // tests and the preview (BOEX_CHECK_OUTPUT=1), not in the desktop app.
    return { ok: true, value: process.env.BOEX_CHECK_OUTPUT === '1' ? contract.output.parse(value) : value };
  } catch (error) {
    return { ok: false, error: errorBody(error, lang) };
  }
}

/**
 * What the transports (IPC, the HTTP bridge) call: dispatch, and for the calls whose service is
 * asynchronous (a PDF rendered, signed, written) the same parsing and error translation around an
 * awaited service.
 */
export async function dispatchAsync(ctx: ServiceContext, name: unknown, rawInput: unknown, lang: Language): Promise<CallResult<unknown>> {
  if (!isCallName(name) || !isAsyncCall(name)) return dispatch(ctx, name, rawInput, lang);
  const contract = api[name];
  const parsed = contract.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error, lang) };
  try {
    const handler = asyncHandlers[name] as (ctx: ServiceContext, input: unknown) => Promise<unknown>;
    const value = await handler(ctx, parsed.data);
    return { ok: true, value: process.env.BOEX_CHECK_OUTPUT === '1' ? contract.output.parse(value) : value };
  } catch (error) {
    return { ok: false, error: errorBody(error, lang) };
  }
}

/** A sentence per field, in the order of the form; fields outside the form fall back to one message. */
function invalidInput(error: z.ZodError, lang: Language): ApiErrorBody {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    fields[field] ??= translate(lang, isMessageKey(issue.message) ? issue.message : 'invalid.value');
  }
  return { code: 'invalid_input', message: translate(lang, 'error.invalidInput'), fields };
}

export function errorBody(error: unknown, lang: Language): ApiErrorBody {
  if (error instanceof AppError) {
    const fields = Object.fromEntries(Object.entries(error.fields).map(([f, k]) => [f, translate(lang, k, error.params)]));
    return {
      code: error.code,
      message: translate(lang, error.key, error.params),
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
    };
  }
  if (isBusy(error)) return fail('busy', translate(lang, 'error.busy')).error;
  if (isReadOnlyError(error)) return fail('read_only', translate(lang, 'error.readOnly')).error;
  if (isDiskFull(error)) return fail('disk_full', translate(lang, 'error.diskFull')).error;
  if (isRegisterClosed(error)) return fail('register_closed', translate(lang, 'shell.error.registerClosed')).error;
  recordFault(error);
  return fail('internal', translate(lang, 'error.internal')).error;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * The disk has no room for the write: SQLITE_FULL (no space left, or SQLite's own size limit), or
 * SQLITE_IOERR_WRITE, which is what a file that may not grow (a quota, a size limit: EFBIG) gives.
 * SQLite rolls the transaction back, so everything committed before is still there and the call
 * can simply be retried once there is room (test/db/full-disk.test.ts).
 */
function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'ENOSPC' || code === 'EFBIG';
}

/** better-sqlite3's answer on a connection closed under a running call (the register was restored or the app quit meanwhile). */
function isRegisterClosed(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'The database connection is not open';
}

function fail(code: string, message: string): { ok: false; error: ApiErrorBody } {
  return { ok: false, error: { code, message } };
}
