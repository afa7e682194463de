// The one API contract between the UI and the register. Every transport (the Electron preload and
// IPC, the loopback HTTP bridge) and the renderer's client are derived from this table, so a call
// cannot exist on one side only, and its input is parsed by the same schema everywhere.
import { z } from 'zod';
import type { ApiErrorBody } from './errors';
import type { Language } from './i18n';
import { petitionDetail, petitionInput, petitionRow, registerInfo, rulesContext, studentNumberField } from './schemas';

const id = z.number({ error: 'invalid.value' }).int().positive();

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const api = {
  'register.info': call(z.object({}), registerInfo),
  'petitions.list': call(
    z.object({
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ rows: z.array(petitionRow), total: z.number().int() }),
  ),
  'petitions.get': call(z.object({ id }), petitionDetail),
  'petitions.create': call(petitionInput, petitionDetail),
  'petitions.update': call(petitionInput.extend({ id }), petitionDetail),
  'petitions.withdraw': call(z.object({ id }), petitionDetail),
  'students.rulesContext': call(z.object({ studentNumber: studentNumberField, exceptPetitionId: id.optional() }), rulesContext),
} as const;

export type Api = typeof api;
export type CallName = keyof Api;
export type CallInput<N extends CallName> = z.input<Api[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Api[N]['output']>;
export const CALL_NAMES = Object.keys(api) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

/** What every transport returns: a value, or an error a person can read. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/**
 * What the Electron preload exposes as `window.boex`: one function per call, each taking the
 * call's input and the language its error sentences should be in.
 */
export type PreloadApi = {
  [N in CallName]: (input: CallInput<N>, lang: Language) => Promise<CallResult<CallOutput<N>>>;
};

/** The IPC channel of a call; the preload and the main process both derive it from here. */
export const channelOf = (name: CallName): string => `boex:${name}`;
