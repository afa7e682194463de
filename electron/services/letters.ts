// Decision letters: a decision of the register turned into the letter the student receives
// (SPEC.md, "Decision letters"), previewed, exported one at a time (a download in the browser, a
// save dialog in Electron) or for a whole BoEx meeting into a folder. Exporting issues the letter:
// in one transaction the decision records when it was first issued and the SHA-256 of that file,
// and the audit log records every export with what the letter said, so that exporting it again
// gives the same letter (the same bytes, when unsigned) whatever changed in the settings since.
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { advice, auditLog, courses, decisions, institutions, meetings, petitions, settings, students } from '../../db/schema';
import { AppError, type MessageParams } from '../../shared/errors';
import { translate, type MessageKey } from '../../shared/i18n';
import type { LetterExport, LetterSettings, MeetingLetters } from '../../shared/letters';
import { formatLongDate, parseLevel, type Finding } from '../../shared/rules';
import { openCredential, type SigningCredential } from '../pdf/credential';
import { PdfError } from '../pdf/errors';
import { renderDecisionLetter, type DecisionLetter, type LetterLanguage } from '../pdf/letter';
import { signPdfWith } from '../pdf/sign';
import { safeFileName, writeFileAtomically } from '../pdf/write';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { findingsOf } from './findings';
import { imageBytes, imageSha256, readLetterSettings } from './letter-settings';
import type { Db } from './petition-facts';

/** A PKCS#12 file holds a key and a few certificates: a few kilobytes. Anything this large is not one. */
const MAX_CERTIFICATE_BYTES = 1024 * 1024;

const ISSUE = 'letter.issue';
const REISSUE = 'letter.reissue';

// ---------------------------------------------------------------------------------------------
// What a letter is made of

/** A decision with everything its letter names: the student, the course, the decision it replaces. */
interface DecisionFacts {
  id: number;
  number: string;
  kind: 'individual' | 'general';
  outcome: 'approved' | 'rejected';
  petitionId: number;
  studentId: number;
  student: { name: string; studentNumber: string; email: string };
  course: { code: string; title: string; ec: number; institutionKind: DecisionLetter['course']['institutionKind'] };
  institutionName: string;
  level: string;
  creditedEc: number;
  decidedOn: string;
  signatory: string;
  reasoning: string;
  replacesNumber: string | null;
  letterIssuedAt: string | null;
}

const replaced = alias(decisions, 'replaced');

/** A decision that no later decision corrected (as decision-view.ts has it). */
const isCurrent = sql`NOT EXISTS (SELECT 1 FROM decisions r WHERE r.replaces_id = ${decisions.id})`;

function decisionFacts(db: Db, decisionId: number): DecisionFacts {
  const row = db
    .select({
      d: decisions,
      replacesNumber: replaced.number,
      courseCode: courses.code,
      courseTitle: courses.title,
      courseEc: courses.ec,
      institutionKind: institutions.kind,
      studentId: students.id,
      studentNumber: students.studentNumber,
      givenName: students.givenName,
      familyName: students.familyName,
      email: students.email,
    })
    .from(decisions)
    .innerJoin(courses, eq(courses.id, decisions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .leftJoin(petitions, eq(petitions.id, decisions.petitionId))
    .leftJoin(students, eq(students.id, petitions.studentId))
    .leftJoin(replaced, eq(replaced.id, decisions.replacesId))
    .where(eq(decisions.id, decisionId))
    .get();
  if (!row) throw new AppError('not_found', 'decision.error.notFound', { id: decisionId });
  const { d } = row;
  if (d.petitionId === null || row.studentId === null) {
    // A general decision taken for a course, not on a student's petition: it goes on the decision list.
    throw new AppError('no_addressee', 'letter.error.noAddressee', { number: d.number });
  }
  return {
    id: d.id,
    number: d.number,
    kind: d.kind,
    outcome: d.outcome,
    petitionId: d.petitionId,
    studentId: row.studentId,
    student: { name: `${row.givenName ?? ''} ${row.familyName ?? ''}`.trim(), studentNumber: row.studentNumber ?? '', email: row.email ?? '' },
    course: { code: row.courseCode, title: row.courseTitle, ec: row.courseEc, institutionKind: row.institutionKind },
    institutionName: d.institutionName,
    level: d.level,
    creditedEc: d.creditedEc,
    decidedOn: d.decidedOn,
    signatory: d.signatory,
    reasoning: d.reasoning,
    replacesNumber: row.replacesNumber ?? null,
    letterIssuedAt: d.letterIssuedAt,
  };
}

/**
 * The reasoning of the MT Board's advice the decision rests on: the latest advice on the petition
 * when it is support or not support (the query of advice-view.ts's standingAdviceOf).
 */
function adviceReasoningOf(db: Db, petitionId: number): string {
  const row = db.select({ advice: advice.advice, reasoning: advice.reasoning }).from(advice).where(eq(advice.petitionId, petitionId)).orderBy(desc(advice.id)).get();
  return row && (row.advice === 'support' || row.advice === 'not_support') ? row.reasoning : '';
}

/** The roles the decision form's settings give signatories (settings key 'decisions', as settings.ts reads it). */
function decisionSignatoryRole(db: Db, name: string): string | null {
  const value = db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'decisions')).get()?.value as { signatories?: unknown } | undefined;
  const list = Array.isArray(value?.signatories) ? (value.signatories as Array<{ name?: unknown; role?: unknown }>) : [];
  const found = list.find((s) => typeof s.name === 'string' && sameName(s.name, name));
  return typeof found?.role === 'string' && found.role.trim() !== '' ? found.role : null;
}

const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

interface Signatory {
  name: string;
  role: string;
  /** Base64, as the settings keep it. */
  image: string | null;
}

/** The decision names its signatory; the letter settings give that person's role and signature image. */
function signatoryOf(db: Db, letterSettings: LetterSettings, name: string, language: LetterLanguage): Signatory {
  const configured = letterSettings.signatories.find((s) => sameName(s.name, name));
  if (configured) return { name, role: configured.role[language], image: configured.signatureImage };
  return { name, role: decisionSignatoryRole(db, name) ?? letterSettings.letterhead.board[language], image: null };
}

/** The letter of a decision as the register and the settings have it now. */
function currentLetter(db: Db, letterSettings: LetterSettings, facts: DecisionFacts, language: LetterLanguage, createdAt: Date): Letter {
  const findings: Finding[] = findingsOf(db, facts.studentId, facts.petitionId);
  const signatory = signatoryOf(db, letterSettings, facts.signatory, language);
  const { letterhead } = letterSettings;
  return {
    language,
    letterhead: {
      university: letterhead.university[language],
      faculty: letterhead.faculty[language],
      board: letterhead.board[language],
      contact: letterhead.contact,
    },
    place: letterSettings.place,
    decisionDate: facts.decidedOn,
    addressee: { name: facts.student.name, studentNumber: facts.student.studentNumber, ...(facts.student.email ? { email: facts.student.email } : {}) },
    decision: {
      number: facts.number,
      kind: facts.kind,
      outcome: facts.outcome,
      ...(facts.replacesNumber ? { replacesNumber: facts.replacesNumber } : {}),
    },
    course: {
      code: facts.course.code,
      title: facts.course.title,
      institution: facts.institutionName,
      institutionKind: facts.course.institutionKind,
      level: parseLevel(facts.level),
      ec: facts.course.ec,
      creditedEc: facts.creditedEc,
    },
    reasons: {
      adviceBoard: letterSettings.adviceBoard[language],
      adviceReasoning: adviceReasoningOf(db, facts.petitionId),
      boardReasoning: facts.reasoning,
      findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, message: { en: f.message.en, nl: f.message.nl } })),
      legalBasis: letterSettings.legalBasis[language],
    },
    educationCoordinatorEmail: letterSettings.educationCoordinatorEmail,
    appeal: { boardName: letterSettings.appeal.boardName[language], address: letterSettings.appeal.address },
    signatory: { name: signatory.name, role: signatory.role, imageSha256: imageSha256(signatory.image) },
    createdAt: createdAt.toISOString(),
  };
}

/**
 * A letter as the audit log keeps it: everything the PDF says, in JSON, with the signature image
 * named by its SHA-256 (the image itself stays in the settings).
 */
type Letter = Omit<DecisionLetter, 'createdAt' | 'signatory'> & {
  createdAt: string;
  signatory: { name: string; role: string; imageSha256: string | null };
};

/** The letter in this language as it was first issued, if it was: what every later export repeats. */
function issuedLetter(db: Db, decisionId: number, language: LetterLanguage): Letter | null {
  const row = db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'decision'),
        eq(auditLog.entityId, decisionId),
        sql`${auditLog.action} IN (${ISSUE}, ${REISSUE})`,
        sql`json_extract(${auditLog.after}, '$.letter.language') = ${language}`,
      ),
    )
    .orderBy(asc(auditLog.id))
    .get();
  const letter = (row?.after as { letter?: Letter } | null | undefined)?.letter;
  return letter && typeof letter.createdAt === 'string' && letter.decision && letter.signatory ? letter : null;
}

/** The PDF layer's input: the signature image found again in the settings by its SHA-256. */
function toDecisionLetter(letter: Letter, letterSettings: LetterSettings): DecisionLetter {
  const { imageSha256: wanted, ...signatory } = letter.signatory;
  const image = wanted === null ? undefined : letterSettings.signatories.map((s) => s.signatureImage).find((img) => img !== null && imageSha256(img) === wanted);
  return {
    ...letter,
    createdAt: new Date(letter.createdAt),
    signatory: { ...signatory, ...(image ? { signatureImage: imageBytes(image) } : {}) },
  };
}

interface Prepared {
  facts: DecisionFacts;
  letter: Letter;
  /** The letter came from the audit log: this language was issued before. */
  repeated: boolean;
  fileName: string;
  input: DecisionLetter;
}

/**
 * The letter of a decision in a language (the settings' default when none is asked for): as issued
 * before, or as the register has it now, dated at the first issue if the other language was issued.
 */
function prepare(ctx: ServiceContext, decisionId: number, language: LetterLanguage | undefined, letterSettings: LetterSettings): Prepared {
  const db = ctx.register.db;
  const facts = decisionFacts(db, decisionId);
  const lang = language ?? letterSettings.defaultLanguage;
  const issued = facts.letterIssuedAt === null ? null : issuedLetter(db, facts.id, lang);
  const letter = issued ?? currentLetter(db, letterSettings, facts, lang, facts.letterIssuedAt === null ? ctx.now() : new Date(facts.letterIssuedAt));
  return {
    facts,
    letter,
    repeated: issued !== null,
    fileName: safeFileName(facts.number, facts.student.studentNumber),
    input: toDecisionLetter(letter, letterSettings),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering, signing, issuing

/** A refusal of the PDF layer (a wrong password, a full disk) as a sentence in the reader's language. */
function refusal(error: unknown): unknown {
  if (!(error instanceof PdfError)) return error;
  const fields: Record<string, MessageKey> = error.code === 'certificate_password' ? { password: 'letter.error.pdf' } : {};
  return new AppError(error.code, 'letter.error.pdf', { sentence: error.sentence }, fields);
}

async function render(letter: DecisionLetter): Promise<Buffer> {
  try {
    return await renderDecisionLetter(letter);
  } catch (error) {
    throw refusal(error);
  }
}

/**
 * Opens the configured certificate with the password given for this export. The password is passed
 * on to the PDF layer and nowhere else: no error, audit row or log line holds it.
 */
async function openCertificate(certificatePath: string | null, password: string | undefined, now: Date): Promise<SigningCredential | null> {
  if (certificatePath === null) return null;
  if (password === undefined) {
    throw new AppError('password_required', 'letter.error.passwordRequired', { path: certificatePath }, { password: 'letter.error.passwordRequired' });
  }
  let p12: Buffer;
  try {
    const info = await stat(certificatePath);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (info.size > MAX_CERTIFICATE_BYTES) {
      throw new PdfError('certificate_not_p12', {
        en: 'The certificate file is not a PKCS#12 file (.p12 or .pfx).',
        nl: 'Het certificaatbestand is geen PKCS#12-bestand (.p12 of .pfx).',
      });
    }
    p12 = await readFile(certificatePath);
  } catch (error) {
    if (error instanceof PdfError) throw refusal(error);
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new AppError('certificate_missing', 'letter.error.certificateMissing', { path: certificatePath });
    }
    throw new AppError('certificate_unreadable', 'letter.error.certificateUnreadable', { path: certificatePath });
  }
  try {
    return openCredential(p12, password, now);
  } catch (error) {
    throw refusal(error);
  }
}

async function sign(pdf: Buffer, credential: SigningCredential, prepared: Prepared, signingTime: Date): Promise<Buffer> {
  const { letter } = prepared;
  const reason =
    letter.language === 'nl' ? `Besluit ${letter.decision.number} van de ${letter.letterhead.board}` : `Decision ${letter.decision.number} of the ${letter.letterhead.board}`;
  try {
    return await signPdfWith(pdf, credential, { reason, name: letter.signatory.name, location: letter.place, signingTime });
  } catch (error) {
    throw refusal(error);
  }
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Records an export in one transaction: the first marks the decision's letter as issued (its time
 * is the letter's date, kept for every later export); each export gets an audit row with the file's
 * SHA-256 and, the first time in its language, the letter itself.
 */
function markIssued(ctx: ServiceContext, prepared: Prepared, file: { sha256: string; signed: boolean }): { issuedAt: string; reissue: boolean } {
  return ctx.register.db.transaction(
    (tx) => {
      const row = tx.select({ issuedAt: decisions.letterIssuedAt, sha256: decisions.letterSha256 }).from(decisions).where(eq(decisions.id, prepared.facts.id)).get();
      if (!row) throw new AppError('not_found', 'decision.error.notFound', { id: prepared.facts.id });
      const first = row.issuedAt === null;
      const issuedAt = row.issuedAt ?? prepared.letter.createdAt;
      if (first) {
        tx.update(decisions).set({ letterIssuedAt: issuedAt, letterSha256: file.sha256 }).where(eq(decisions.id, prepared.facts.id)).run();
      }
      writeAudit(tx, ctx, {
        action: first ? ISSUE : REISSUE,
        entity: 'decision',
        entityId: prepared.facts.id,
        before: first ? { letterIssuedAt: null, letterSha256: null } : { letterIssuedAt: row.issuedAt, letterSha256: row.sha256 },
        after: {
          petitionId: prepared.facts.petitionId,
          number: prepared.facts.number,
          fileName: prepared.fileName,
          language: prepared.letter.language,
          sha256: file.sha256,
          signed: file.signed,
          letterIssuedAt: issuedAt,
          letterSha256: first ? file.sha256 : row.sha256,
          ...(prepared.repeated ? {} : { letter: prepared.letter }),
        },
      });
      return { issuedAt, reissue: !first };
    },
    { behavior: 'immediate' },
  );
}

// ---------------------------------------------------------------------------------------------
// The calls

/** The letter as it would be issued, without issuing it (never signed: a preview is not the letter). */
export async function previewLetter(ctx: ServiceContext, input: { decisionId: number; language?: LetterLanguage | undefined }) {
  const prepared = prepare(ctx, input.decisionId, input.language, readLetterSettings(ctx.register.db));
  const pdf = await render(prepared.input);
  return { fileName: prepared.fileName, pdfBase64: pdf.toString('base64'), signed: false as const };
}

/**
 * Renders the letter, signs it when the settings name a certificate (with the password given for
 * this export), and marks it as issued. Without a certificate the letter is exported unsigned and
 * the result says so.
 */
export async function exportLetter(
  ctx: ServiceContext,
  input: { decisionId: number; language?: LetterLanguage | undefined; password?: string | undefined },
): Promise<LetterExport> {
  const letterSettings = readLetterSettings(ctx.register.db);
  const prepared = prepare(ctx, input.decisionId, input.language, letterSettings);
  const credential = await openCertificate(letterSettings.certificatePath, input.password, ctx.now());
  const pdf = await render(prepared.input);
  const bytes = credential ? await sign(pdf, credential, prepared, ctx.now()) : pdf;
  const sha256 = sha256Of(bytes);
  const issued = markIssued(ctx, prepared, { sha256, signed: credential !== null });
  return { fileName: prepared.fileName, pdfBase64: bytes.toString('base64'), sha256, signed: credential !== null, issuedAt: issued.issuedAt, reissue: issued.reissue };
}

export interface MeetingLettersOptions {
  meetingId: number;
  folder: string;
  language?: LetterLanguage | undefined;
  password?: string | undefined;
  overwrite: boolean;
  /** The command line's --p12: this certificate instead of the one in the settings. */
  certificatePath?: string | undefined;
  /** Told of each letter as soon as it is on disk (the command line prints it). */
  onWritten?: (file: MeetingLetters['written'][number]) => void;
}

function bothLanguages(key: MessageKey, params: MessageParams): { en: string; nl: string } {
  return { en: translate('en', key, params), nl: translate('nl', key, params) };
}

/** A refusal of the PDF layer or of the register, as the text both languages give it. */
function reasonOf(error: unknown): { code: string; reason: { en: string; nl: string } } | null {
  const translated = refusal(error);
  return translated instanceof AppError ? { code: translated.code, reason: bothLanguages(translated.key, translated.params) } : null;
}

function meetingDecisions(db: Db, meetingId: number): Array<{ id: number; number: string; petitionId: number | null }> {
  const meeting = db.select({ body: meetings.body, heldOn: meetings.heldOn }).from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!meeting) throw new AppError('not_found', 'letter.error.meetingNotFound', { id: meetingId });
  const date = { en: formatLongDate(meeting.heldOn, 'en'), nl: formatLongDate(meeting.heldOn, 'nl') };
  if (meeting.body !== 'boex') throw new AppError('not_boex', 'letter.error.notBoexMeeting', { date });
  const rows = db
    .select({ id: decisions.id, number: decisions.number, petitionId: decisions.petitionId })
    .from(decisions)
    .where(and(eq(decisions.meetingId, meetingId), isCurrent))
    .orderBy(asc(decisions.id))
    .all();
  if (rows.length === 0) throw new AppError('no_decisions', 'letter.error.noDecisions', { date });
  return rows;
}

async function ensureFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    if (!(await stat(folder)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new AppError('folder_not_writable', 'letter.error.folder', { folder });
  }
}

/**
 * Every letter of a BoEx meeting into a folder: "<decision number> <student number>.pdf", each
 * written whole or not at all and marked as issued once it is on disk. Existing files are never
 * replaced without `overwrite`: the batch is refused before anything is written. The certificate
 * is opened once for the batch. A failure halfway (a full disk) stops the batch with a sentence;
 * the letters written before it are intact and issued.
 */
export async function exportMeetingLetters(ctx: ServiceContext, options: MeetingLettersOptions): Promise<MeetingLetters> {
  const db = ctx.register.db;
  const letterSettings = readLetterSettings(db);
  const rows = meetingDecisions(db, options.meetingId);
  const skipped = rows.filter((r) => r.petitionId === null).map((r) => ({ decisionId: r.id, number: r.number }));
  const prepared = rows.filter((r) => r.petitionId !== null).map((r) => prepare(ctx, r.id, options.language, letterSettings));
  const folder = path.resolve(options.folder);

  const credential = await openCertificate(options.certificatePath ?? letterSettings.certificatePath, options.password, ctx.now());
  await ensureFolder(folder);
  if (!options.overwrite) {
    const present: string[] = [];
    for (const p of prepared) if (await stat(path.join(folder, p.fileName)).catch(() => null)) present.push(p.fileName);
    if (present.length > 0) {
      throw new AppError('file_exists', 'letter.error.filesExist', { count: present.length, files: present.slice(0, 3).join(', '), folder });
    }
  }

  const written: MeetingLetters['written'] = [];
  for (const p of prepared) {
    try {
      const pdf = await render(p.input);
      const bytes = credential ? await sign(pdf, credential, p, ctx.now()) : pdf;
      const file = await writeFileAtomically(folder, p.fileName, bytes, { overwrite: options.overwrite });
      markIssued(ctx, p, { sha256: file.sha256, signed: credential !== null });
      const entry = { decisionId: p.facts.id, number: p.facts.number, fileName: p.fileName, path: file.path, sha256: file.sha256 };
      written.push(entry);
      options.onWritten?.(entry);
    } catch (error) {
      const stopped = reasonOf(error);
      if (!stopped) throw error;
      throw new AppError(stopped.code, 'letter.error.batchStopped', { reason: stopped.reason, written: written.length, count: prepared.length });
    }
  }
  return { folder, signed: credential !== null, written, skipped };
}

