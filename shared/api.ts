// The one API contract between the UI and the register. Every transport (the Electron preload and
// IPC, the loopback HTTP bridge) and the renderer's client are derived from this table, so a call
// cannot exist on one side only, and its input is parsed by the same schema everywhere.
import { z } from 'zod';
import type { ApiErrorBody } from './errors';
import type { Language } from './i18n';
import { LANGUAGES } from './i18n';
import { attachmentsApi } from './attachments';
import { COURSE_CHANGES, coursesApi } from './courses';
import { gradesApi } from './grades';
import { deadlinesApi } from './deadlines';
import { usisApi } from './usis';
import { lettersApi } from './letters';
import { meetingDocumentsApi } from './meeting-documents';
import { meetingsApi } from './meetings';
import { reportApi } from './report';
import { retentionApi } from './retention';
import { petitionDetail, petitionInput, petitionListQuery, petitionRow, registerInfo, rulesContext, studentDetail, studentNumberField } from './schemas';

const id = z.number({ error: 'invalid.value' }).int().positive();

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/**
 * A CSV import: the file's text and name, and the language of the problem sentences the preview
 * lists. The length cap only guards the transport (the HTTP bridge takes 64 MB); the import's own
 * limit of 10 MB is checked by the service, which can then tell the file's size.
 */
const importFile = z.object({
  csv: z.string().max(64 * 1024 * 1024, { error: 'invalid.tooLong' }),
  fileName: z.string().max(255).optional(),
  lang: z.enum(LANGUAGES).default('en'),
});
const importedRow = z.object({
  /** The line of the file where the row starts; the header is line 1. */
  line: z.number().int(),
  studentNumber: z.string(),
  name: z.string(),
  courseCode: z.string(),
  courseTitle: z.string(),
  institution: z.string(),
});
const importPreview = z.object({
  rows: z.number().int(),
  toCreate: z.array(importedRow),
  alreadyPresent: z.array(importedRow.extend({ petitionId: z.number().int() })),
  /** Sentences in the input's language; line and column are null where a problem concerns the whole file or row. */
  problems: z.array(z.object({ line: z.number().int().nullable(), column: z.string().nullable(), message: z.string() })),
  newStudents: z.number().int(),
  newInstitutions: z.number().int(),
  newCourses: z.number().int(),
});

export const api = {
  'register.info': call(z.object({}), registerInfo),
  'petitions.list': call(petitionListQuery, z.object({ rows: z.array(petitionRow), total: z.number().int() })),
  'petitions.get': call(z.object({ id }), petitionDetail),
  'petitions.create': call(petitionInput, petitionDetail),
  'petitions.update': call(
    petitionInput.extend({
      id,
      /** When the course's facts change and other petitions use it: correct it for 'all', or give 'this' petition its own. */
      courseChange: z.enum(COURSE_CHANGES).optional(),
    }),
    petitionDetail,
  ),
  'petitions.withdraw': call(z.object({ id }), petitionDetail),
  'students.rulesContext': call(z.object({ studentNumber: studentNumberField, exceptPetitionId: id.optional() }), rulesContext),
  'students.get': call(z.object({ studentNumber: studentNumberField }), studentDetail),
  'petitions.importPreview': call(importFile, importPreview),
  'petitions.import': call(importFile, importPreview.extend({ created: z.number().int() })),
  ...coursesApi,
  ...meetingsApi,
  ...meetingDocumentsApi,
  ...attachmentsApi,
  ...lettersApi,
  ...gradesApi,
  ...deadlinesApi,
  ...usisApi,
  ...reportApi,
  ...retentionApi,
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
