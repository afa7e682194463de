// Decision letters: the settings that go into every letter (letterhead, boards, legal basis, appeal
// address, signatories, certificate) and the calls that render, issue and export letters. One
// source for the settings form, the API's input parsing and the types on both sides.
import { z } from 'zod';
import { LANGUAGES, type MessageKey } from './i18n';

const key = (k: MessageKey) => ({ error: k });
const id = z.number(key('invalid.value')).int().positive();

const text = (max: number) => z.string(key('invalid.required')).trim().min(1, key('invalid.required')).max(max, key('invalid.tooLong'));

/** A text the letter shows in its own language. */
const bilingual = (max = 200) => z.object({ en: text(max), nl: text(max) });

/**
 * Lines of an address: an array through the API, or the text of a textarea (one line per line) in
 * the form. Empty lines are dropped.
 */
const lines = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '') : value),
    z
      .array(text(200), key('invalid.value'))
      .min(min, key('invalid.required'))
      .max(max, key('letter.invalid.tooManyLines')),
  );

/**
 * Base64 is a third larger than the bytes. The main process checks the decoded image (PNG or JPEG,
 * at most 5 MB) with the PDF layer's check and says which it is; this cap only guards the transport.
 */
export const MAX_SIGNATURE_IMAGE_BASE64 = 60_000_000;

export const letterSignatory = z.object({
  /** As the decision names its signatory: the letter takes the role and image of the same name. */
  name: text(200),
  role: bilingual(),
  /** A scanned signature, PNG or JPEG, as base64; null: the letter leaves room to sign by hand. */
  signatureImage: z
    .string(key('letter.invalid.image'))
    .max(MAX_SIGNATURE_IMAGE_BASE64, key('letter.invalid.image'))
    .regex(/^[A-Za-z0-9+/=\r\n]*$/, key('letter.invalid.image'))
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value)),
});
export type LetterSignatory = z.output<typeof letterSignatory>;

export const letterSettings = z.object({
  letterhead: z.object({
    university: bilingual(),
    faculty: bilingual(),
    board: bilingual(),
    /** Address, e-mail, telephone: top right of the first page, the same in both languages. */
    contact: lines(0, 6),
  }),
  place: text(100),
  /** The board that advises, as the letter names it: "Media Technology Board". */
  adviceBoard: bilingual(),
  /** The article of the Rules and Regulations the decisions rest on. */
  legalBasis: bilingual(1000),
  appeal: z.object({
    /** Without an article: "Examination Appeals Board (College van Beroep voor de Examens) of Leiden University". */
    boardName: bilingual(),
    address: lines(1, 6),
  }),
  educationCoordinatorEmail: z.string(key('invalid.email')).trim().pipe(z.email(key('invalid.email'))),
  defaultLanguage: z.enum(LANGUAGES, key('invalid.value')),
  signatories: z.array(letterSignatory).max(20, key('letter.invalid.tooManySignatories')),
  /**
   * The PKCS#12 file (.p12/.pfx) letters are signed with, as a path on this computer; empty: letters
   * are exported unsigned. Its password is asked at every export and never stored.
   */
  certificatePath: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z.string(key('invalid.value')).trim().max(4096, key('invalid.tooLong')).nullable(),
  ),
});
export type LetterSettings = z.output<typeof letterSettings>;

const language = z.enum(LANGUAGES, key('invalid.value'));
/** Asked at export when a certificate is configured; used for that export only, never stored or logged. */
const password = z.string(key('invalid.value')).max(1024, key('invalid.tooLong'));

export const letterPreviewInput = z.object({ decisionId: id, language: language.optional() });
export const letterExportInput = letterPreviewInput.extend({ password: password.optional() });

export const letterFile = z.object({
  /** "<decision number> <student number>.pdf", with characters unsafe in file names replaced. */
  fileName: z.string(),
  pdfBase64: z.string(),
});

export const letterPreview = letterFile.extend({ signed: z.literal(false) });

export const letterExport = letterFile.extend({
  /** Hex SHA-256 of the exported file, as the audit log records it. */
  sha256: z.string(),
  /** False when no certificate is configured: the letter is exported unsigned, and the UI says so. */
  signed: z.boolean(),
  /** When the letter was first issued; a re-export keeps it. */
  issuedAt: z.string(),
  /** This export issued the letter again (the content is the same; a signed copy has a new signature). */
  reissue: z.boolean(),
});
export type LetterExport = z.output<typeof letterExport>;

export const meetingLettersInput = z.object({
  meetingId: id,
  /** A folder on this computer (chosen with a native dialog in the app); created when missing. */
  folder: z.string(key('invalid.required')).trim().min(1, key('invalid.required')).max(4096, key('invalid.tooLong')),
  language: language.optional(),
  password: password.optional(),
  /** Replace letters already in the folder; without it an existing file is never replaced. */
  overwrite: z.boolean(key('invalid.value')).default(false),
});

export const meetingLetters = z.object({
  folder: z.string(),
  signed: z.boolean(),
  written: z.array(z.object({ decisionId: z.number().int(), number: z.string(), fileName: z.string(), path: z.string(), sha256: z.string() })),
  /** Decisions of the meeting without a letter to a student: general decisions that name no petition. */
  skipped: z.array(z.object({ decisionId: z.number().int(), number: z.string() })),
});
export type MeetingLetters = z.output<typeof meetingLetters>;

/**
 * Calls a page may not make: they name a folder on this computer, and paths come only from the
 * user's own choice (the command line, or a native dialog the main process shows). The transports
 * refuse them; the CLI runs the service directly.
 */
export const NOT_FOR_PAGES: readonly string[] = ['letters.exportMeeting'];

/** Calls whose service renders or signs a PDF, which takes a moment: transports await them. */
export const ASYNC_CALLS = ['letters.preview', 'letters.export', 'letters.exportMeeting', 'report.pdf'] as const;
export type AsyncCallName = (typeof ASYNC_CALLS)[number];

export function isAsyncCall(name: string): name is AsyncCallName {
  return (ASYNC_CALLS as readonly string[]).includes(name);
}

export const lettersApi = {
  'settings.letters': { input: z.object({}), output: letterSettings },
  'settings.updateLetters': { input: letterSettings, output: letterSettings },
  /** The letter as it would be issued, without issuing it. */
  'letters.preview': { input: letterPreviewInput, output: letterPreview },
  /** Renders (and, with a certificate, signs) the letter and marks it as issued. */
  'letters.export': { input: letterExportInput, output: letterExport },
  /** Every letter of a BoEx meeting into a folder on this computer (the CLI, and Electron's folder dialog). */
  'letters.exportMeeting': { input: meetingLettersInput, output: meetingLetters },
} as const;
