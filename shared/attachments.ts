// Attachments of a petition: the course description, the signed HBO Elective Course Form, the
// certified transcript, anything else. The files are kept inside the register (one backup holds
// everything) and cross the API as base64 inside JSON, the one form both transports (IPC's
// structured clone and the loopback bridge's JSON body) carry alike.
import { z } from 'zod';
import { ATTACHMENT_KINDS } from './domain';
import type { MessageKey } from './i18n';

const key = (k: MessageKey) => ({ error: k });
const id = z.number(key('invalid.value')).int().positive();

/**
 * The largest file that may be attached: 25 MB. A scanned form or transcript is well under 5 MB and
 * a course description with images under 10 MB, so this refuses only what is almost certainly a
 * mistake (a video, a whole folder zipped), while keeping each file's trip through the API bounded:
 * as base64 it is about 33 MB of JSON, inside the HTTP bridge's 64 MB body limit, and the register
 * file (and every backup of it) does not balloon by accident.
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENT_MEGABYTES = MAX_ATTACHMENT_BYTES / (1024 * 1024);

/**
 * What the transport may carry in `contentBase64`: the bridge's body limit. The service checks the
 * real limit itself, so an oversized file gets its own sentence instead of "field too long".
 */
const MAX_BASE64_CHARS = 64 * 1024 * 1024;

export const attachmentKind = z.enum(ATTACHMENT_KINDS, key('invalid.value'));
export type AttachmentKind = z.output<typeof attachmentKind>;

/** The types a secretary attaches, with the names the files carry and the label a sentence uses. */
export const ATTACHMENT_TYPES = {
  'application/pdf': { extensions: ['.pdf'], label: 'attachment.type.pdf' },
  'image/png': { extensions: ['.png'], label: 'attachment.type.png' },
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], label: 'attachment.type.jpeg' },
  'text/plain': { extensions: ['.txt'], label: 'attachment.type.text' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['.docx'], label: 'attachment.type.docx' },
} as const satisfies Record<string, { extensions: readonly string[]; label: MessageKey }>;
export type AttachmentMediaType = keyof typeof ATTACHMENT_TYPES;

/** What a file picker may offer: the same list, so the dialog and the service agree. */
export const ATTACHMENT_ACCEPT = Object.entries(ATTACHMENT_TYPES)
  .flatMap(([type, { extensions }]) => [type, ...extensions])
  .join(',');

/** The name without any folder: "C:\scans\form.pdf" and "../form.pdf" both become "form.pdf"; control characters go. */
export function baseName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

export const attachmentInput = z.object({
  petitionId: id,
  kind: attachmentKind,
  fileName: z
    .string(key('invalid.required'))
    .transform(baseName)
    .pipe(z.string().min(1, key('invalid.required')).max(255, key('invalid.tooLong'))),
  /** As the browser or the dialog reported it; may be empty, then the file name's extension decides. */
  mediaType: z.string(key('invalid.value')).max(255, key('invalid.tooLong')).default(''),
  contentBase64: z.string(key('invalid.value')).max(MAX_BASE64_CHARS, key('invalid.tooLong')),
});
export type AttachmentInput = z.output<typeof attachmentInput>;

export const attachment = z.object({
  id: z.number().int(),
  petitionId: z.number().int(),
  kind: attachmentKind,
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  /** Lower-case hex, computed by the main process from the bytes it stored. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type Attachment = z.output<typeof attachment>;

export const attachmentWithContent = attachment.extend({ contentBase64: z.string() });
export type AttachmentWithContent = z.output<typeof attachmentWithContent>;

export const attachmentsApi = {
  'attachments.add': { input: attachmentInput, output: attachment },
  /** Metadata only, oldest first: the list never carries the files themselves. */
  'attachments.list': { input: z.object({ petitionId: id }), output: z.array(attachment) },
  /** One file with its bytes, to open or save back out unchanged. */
  'attachments.get': { input: z.object({ id }), output: attachmentWithContent },
  'attachments.remove': { input: z.object({ id }), output: z.object({ id: z.number().int() }) },
} as const;
