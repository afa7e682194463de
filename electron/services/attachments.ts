// Attachments: files kept inside the register with their SHA-256, so one backup of the register
// holds them and a file comes back out byte for byte. Adding or removing one is one transaction
// with its audit row (the metadata, never the bytes) and the refreshed findings: an HBO form on
// file is what satisfies the `hbo.form` rule.
import { createHash } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import { attachments, gradeRegistrations, petitions } from '../../db/schema';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_MEGABYTES,
  type Attachment,
  type AttachmentInput,
  type AttachmentMediaType,
  type AttachmentWithContent,
} from '../../shared/attachments';
import type { PetitionStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from './context';
import { writeAudit } from './audit';
import { refreshFindings } from './findings';
import type { Tx } from './petitions';

/** Decided petitions keep the files their decision was based on. */
const DECIDED: readonly PetitionStatus[] = ['rejected', 'approved', 'external_approved'];

const metadataColumns = {
  id: attachments.id,
  petitionId: attachments.petitionId,
  kind: attachments.kind,
  fileName: attachments.fileName,
  mediaType: attachments.mediaType,
  sizeBytes: attachments.sizeBytes,
  sha256: attachments.sha256,
  addedAt: attachments.addedAt,
  addedBy: attachments.addedBy,
};

export function addAttachment(ctx: ServiceContext, input: AttachmentInput): Attachment {
  // The file is checked before the transaction starts: decoding and hashing 25 MB should not hold
  // the register's write lock.
  const content = decodeContent(input);
  const mediaType = checkedMediaType(input.fileName, input.mediaType, content);
  const sha256 = createHash('sha256').update(content).digest('hex');

  return ctx.register.db.transaction(
    (tx) => {
      const petition = petitionOf(tx, input.petitionId);
      if (petition.status === 'withdrawn') {
        throw new AppError('petition_withdrawn', 'attachment.error.withdrawn', { fileName: input.fileName });
      }
      const created = tx
        .insert(attachments)
        .values({
          petitionId: input.petitionId,
          kind: input.kind,
          fileName: input.fileName,
          mediaType,
          sizeBytes: content.length,
          sha256,
          content,
          addedAt: ctx.now().toISOString(),
          addedBy: ctx.actor,
        })
        .returning(metadataColumns)
        .get();
      writeAudit(tx, ctx, { action: 'create', entity: 'attachment', entityId: created.id, before: null, after: auditSnapshot(created) });
      refreshFindings(tx, petition.studentId);
      return created;
    },
    { behavior: 'immediate' },
  );
}

export function listAttachments(ctx: ServiceContext, { petitionId }: { petitionId: number }): Attachment[] {
  const { db } = ctx.register;
  petitionOf(db, petitionId);
  return db.select(metadataColumns).from(attachments).where(eq(attachments.petitionId, petitionId)).orderBy(asc(attachments.id)).all();
}

export function getAttachment(ctx: ServiceContext, { id }: { id: number }): AttachmentWithContent {
  const row = ctx.register.db
    .select({ ...metadataColumns, content: attachments.content })
    .from(attachments)
    .where(eq(attachments.id, id))
    .get();
  if (!row) throw new AppError('not_found', 'attachment.error.notFound', { id });
  const { content, ...metadata } = row;
  return { ...metadata, contentBase64: content.toString('base64') };
}

export function removeAttachment(ctx: ServiceContext, { id }: { id: number }): { id: number } {
  ctx.register.db.transaction(
    (tx) => {
      const found = tx.select(metadataColumns).from(attachments).where(eq(attachments.id, id)).get();
      if (!found) throw new AppError('not_found', 'attachment.error.notFound', { id });
      const petition = petitionOf(tx, found.petitionId);
      if (DECIDED.includes(petition.status)) {
        throw new AppError('petition_decided', 'attachment.error.decided', {
          fileName: found.fileName,
          status: { key: `status.${petition.status}` },
        });
      }
      const references = tx.select({ n: count() }).from(gradeRegistrations).where(eq(gradeRegistrations.transcriptAttachmentId, id)).get();
      if ((references?.n ?? 0) > 0) {
        throw new AppError('attachment_in_use', 'attachment.error.transcriptInUse', { fileName: found.fileName });
      }
      tx.delete(attachments).where(eq(attachments.id, id)).run();
      writeAudit(tx, ctx, { action: 'delete', entity: 'attachment', entityId: id, before: auditSnapshot(found), after: null });
      refreshFindings(tx, petition.studentId);
    },
    { behavior: 'immediate' },
  );
  return { id };
}

/** What the audit log keeps of an attachment: enough to recognise the file again, never its bytes. */
function auditSnapshot(a: Attachment): Record<string, unknown> {
  return {
    petitionId: a.petitionId,
    kind: a.kind,
    fileName: a.fileName,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
  };
}

function petitionOf(db: Pick<Tx, 'select'>, petitionId: number): { studentId: number; status: PetitionStatus } {
  const found = db
    .select({ studentId: petitions.studentId, status: petitions.status })
    .from(petitions)
    .where(eq(petitions.id, petitionId))
    .get();
  if (!found) throw new AppError('not_found', 'error.petition.notFound', { id: petitionId });
  return found;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The file's bytes, or a sentence: empty, too large, or base64 that does not decode cleanly. */
function decodeContent({ fileName, contentBase64 }: AttachmentInput): Buffer {
  const text = contentBase64;
  if (text.length === 0) throw new AppError('empty_file', 'attachment.error.empty', { fileName });
  // The decoded size follows from the length; the limit is checked before decoding anything.
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (Math.floor((text.length * 3) / 4) - padding > MAX_ATTACHMENT_BYTES) {
    throw new AppError('too_large', 'attachment.error.tooLarge', { fileName, limit: MAX_ATTACHMENT_MEGABYTES });
  }
  // Node's decoder skips what it does not understand; a file that lost or gained characters on the
  // way must be refused, not stored damaged. Only canonical base64 encodes back to the same text.
  const bad = () => new AppError('bad_content', 'attachment.error.badBase64', { fileName });
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw bad();
  const content = Buffer.from(text, 'base64');
  if (content.toString('base64') !== text) throw bad();
  if (content.length === 0) throw new AppError('empty_file', 'attachment.error.empty', { fileName });
  return content;
}

const ALIASES: Record<string, AttachmentMediaType> = {
  'application/x-pdf': 'application/pdf',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
};

/** Types that say nothing about the file: then the name's extension decides. */
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

function isAllowed(type: string): type is AttachmentMediaType {
  return Object.hasOwn(ATTACHMENT_TYPES, type);
}

function typeOfExtension(fileName: string): AttachmentMediaType | null {
  const lower = fileName.toLowerCase();
  for (const [type, { extensions }] of Object.entries(ATTACHMENT_TYPES)) {
    if (extensions.some((ext) => lower.endsWith(ext))) return type as AttachmentMediaType;
  }
  return null;
}

/**
 * The media type to store. The type the client reported must be one of the allowed ones (or empty,
 * then the extension decides), and the bytes must be what both the type and the file's extension
 * say they are: a PDF starts with %PDF-, a PNG and a JPEG with their signatures, a Word document is
 * a zip holding word/, plain text holds no NUL bytes and no other format's signature.
 */
function checkedMediaType(fileName: string, reported: string, content: Buffer): AttachmentMediaType {
  const given = reported.split(';')[0]!.trim().toLowerCase();
  const normalised = ALIASES[given] ?? given;
  const byExtension = typeOfExtension(fileName);
  let type: AttachmentMediaType;
  if (UNINFORMATIVE.has(normalised)) {
    if (!byExtension) throw new AppError('type_not_allowed', 'attachment.error.typeUnknown', { fileName });
    type = byExtension;
  } else if (isAllowed(normalised)) {
    type = normalised;
  } else {
    throw new AppError('type_not_allowed', 'attachment.error.typeNotAllowed', { fileName, type: given });
  }
  for (const claimed of byExtension && byExtension !== type ? [type, byExtension] : [type]) {
    if (!contentIs(claimed, content)) {
      throw new AppError('content_mismatch', 'attachment.error.contentMismatch', { fileName, type: { key: ATTACHMENT_TYPES[claimed].label } });
    }
  }
  return type;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** PDF readers accept the header anywhere in the first kilobyte (some scanners write a preamble). */
const isPdf = (b: Buffer) => b.subarray(0, 1024).includes('%PDF-');
const isPng = (b: Buffer) => b.subarray(0, PNG.length).equals(PNG);
const isJpeg = (b: Buffer) => b.subarray(0, JPEG.length).equals(JPEG);
const isZip = (b: Buffer) => b.subarray(0, ZIP.length).equals(ZIP);

function contentIs(type: AttachmentMediaType, b: Buffer): boolean {
  switch (type) {
    case 'application/pdf':
      return isPdf(b);
    case 'image/png':
      return isPng(b);
    case 'image/jpeg':
      return isJpeg(b);
    // A .docx is a zip whose central directory names its parts in plain text, word/document.xml among them.
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return isZip(b) && b.includes('word/');
    case 'text/plain':
      return !b.includes(0) && !isPdf(b) && !isPng(b) && !isJpeg(b) && !isZip(b);
  }
}
