// A meeting's documents: the meeting pack (PDF) a board reads before it meets, and the decision
// list (besluitenlijst) of a Board of Examiners meeting, as PDF or CSV. Files cross the API as
// base64 (a PDF) or text (a CSV) inside JSON, the one form both transports carry alike.
import { z } from 'zod';
import { LANGUAGES, type MessageKey } from './i18n';

const key = (k: MessageKey) => ({ error: k });
const id = z.number(key('invalid.value')).int().positive();

/** The language the document is written in (not the language of the app's sentences). */
export const documentLanguage = z.enum(LANGUAGES, key('invalid.value'));

export const DECISION_LIST_FORMATS = ['pdf', 'csv'] as const;

export const meetingPackInput = z.object({ meetingId: id, language: documentLanguage });

export const meetingPack = z.object({ fileName: z.string(), pdfBase64: z.string() });
export type MeetingPack = z.output<typeof meetingPack>;

export const decisionListInput = z.object({
  meetingId: id,
  language: documentLanguage,
  format: z.enum(DECISION_LIST_FORMATS, key('invalid.value')),
});

export const decisionList = z.discriminatedUnion('format', [
  z.object({ format: z.literal('pdf'), fileName: z.string(), pdfBase64: z.string() }),
  /** UTF-8 text that starts with a byte order mark, so that Excel reads its names right. */
  z.object({ format: z.literal('csv'), fileName: z.string(), csv: z.string() }),
]);
export type DecisionList = z.output<typeof decisionList>;

export const meetingDocumentsApi = {
  'meetings.pack': { input: meetingPackInput, output: meetingPack },
  /** Only a meeting of the Board of Examiners has one. */
  'meetings.decisionList': { input: decisionListInput, output: decisionList },
} as const;
