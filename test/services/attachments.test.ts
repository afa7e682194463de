// Attachments through dispatch, the path every transport takes, on a real register file: the bytes
// come back out exactly, the audit keeps metadata and never content, the HBO form satisfies the
// `hbo.form` rule only while it is attached, and every refusal is a sentence that stores nothing.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import type { Attachment, AttachmentWithContent } from '../../shared/attachments';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachments';
import type { ApiErrorBody } from '../../shared/errors';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import type { PetitionDetail } from '../../shared/schemas';
import type { MessageParams } from '../../shared/errors';
import { cleanUp, openTestRegister, petitionForm, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

const INTERNALS = /SqliteError|SQLITE_|\n\s*at |\bat \S+ \(|\.ts:\d+|Error:/;

function ok<T>(name: string, input: unknown): T {
  const result = dispatch(t.ctx, name, input, 'en');
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function refused(name: string, input: unknown, lang: Language = 'en'): ApiErrorBody {
  const result = dispatch(t.ctx, name, input, lang);
  if (result.ok) throw new Error(`${name} succeeded, but should have been refused`);
  for (const sentence of [result.error.message, ...Object.values(result.error.fields ?? {})]) expect(sentence).not.toMatch(INTERNALS);
  return result.error;
}

/** Every row of the tables an attachment call touches; equal snapshots mean nothing was stored or changed. */
function snapshot() {
  const all = (sql: string) => t.register.sqlite.prepare(sql).all();
  return {
    attachments: all('SELECT id, petition_id, kind, file_name, media_type, size_bytes, sha256, hex(content) AS content FROM attachments ORDER BY id'),
    audit: all('SELECT * FROM audit_log ORDER BY id'),
    petitions: all('SELECT * FROM petitions ORDER BY id'),
  };
}

const count = (table: string) => (t.register.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const b64 = (bytes: Buffer) => bytes.toString('base64');

// Small but real enough for the signature checks.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR', 'latin1')]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('\x14\0\0\0[Content_Types].xml ... word/document.xml', 'latin1')]);
const TEXT = Buffer.from('Cijferlijst — Zoë Nguyễn\nGrade: 8,5\n', 'utf8');
/** Every byte value, so a lossy transport or a text conversion would show. */
const ALL_BYTES = Buffer.concat([PDF, Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n%%EOF\n')]);

const hboForm = () =>
  petitionForm({
    institution: 'Willem de Kooning Academy',
    institutionKind: 'applied_sciences',
    courseCode: 'WDK-SND1',
    courseTitle: 'Sound Sculpture',
    ec: 5,
    level: 'advanced',
  });

function hboPetition(): PetitionDetail {
  return ok<PetitionDetail>('petitions.create', hboForm());
}

const rulesOf = (id: number) => ok<PetitionDetail>('petitions.get', { id }).findings.map((f) => f.rule);
const storedSeverity = (id: number) =>
  (t.register.sqlite.prepare('SELECT finding_severity AS s FROM petitions WHERE id = ?').get(id) as { s: string | null }).s;

function add(petitionId: number, change: Record<string, unknown> = {}): Attachment {
  return ok<Attachment>('attachments.add', { petitionId, kind: 'hbo_form', fileName: 'hbo-form.pdf', mediaType: 'application/pdf', contentBase64: b64(PDF), ...change });
}

describe('attachments.add, list and get', () => {
  it('stores the file inside the register and gives the same bytes back', () => {
    const petition = hboPetition();
    const added = add(petition.id, { contentBase64: b64(ALL_BYTES), fileName: 'scan.pdf' });

    expect(added).toMatchObject({
      petitionId: petition.id,
      kind: 'hbo_form',
      fileName: 'scan.pdf',
      mediaType: 'application/pdf',
      sizeBytes: ALL_BYTES.length,
      sha256: sha(ALL_BYTES),
      addedBy: 'secretary',
    });
    expect(Number.isNaN(Date.parse(added.addedAt))).toBe(false);

    const got = ok<AttachmentWithContent>('attachments.get', { id: added.id });
    const bytes = Buffer.from(got.contentBase64, 'base64');
    expect(bytes.equals(ALL_BYTES)).toBe(true);
    expect(sha(bytes)).toBe(added.sha256);
    const { contentBase64: _content, ...metadata } = got;
    expect(metadata).toEqual(added);

    // The hash is the register's own: computed from what it stored, not taken from the client.
    const row = t.register.sqlite.prepare('SELECT content, sha256, size_bytes FROM attachments WHERE id = ?').get(added.id) as {
      content: Buffer;
      sha256: string;
      size_bytes: number;
    };
    expect(row.content.equals(ALL_BYTES)).toBe(true);
    expect(row.sha256).toBe(sha(row.content));
    expect(row.size_bytes).toBe(ALL_BYTES.length);
  });

  it('lists metadata only, in the order the files were added', () => {
    const petition = hboPetition();
    const other = ok<PetitionDetail>('petitions.create', petitionForm());
    const a = add(petition.id, { kind: 'course_description', fileName: 'description.pdf' });
    const b = add(petition.id, { kind: 'other', fileName: 'photo.png', mediaType: 'image/png', contentBase64: b64(PNG) });
    add(other.id, { kind: 'transcript' });

    const list = ok<Attachment[]>('attachments.list', { petitionId: petition.id });
    expect(list).toEqual([a, b]);
    expect(list.every((item) => !('content' in item) && !('contentBase64' in item))).toBe(true);
    expect(ok<Attachment[]>('attachments.list', { petitionId: other.id })).toHaveLength(1);
  });

  it('accepts each allowed type, and takes the type from the name when the client reports none', () => {
    const petition = hboPetition();
    const cases: Array<[string, string, Buffer, string]> = [
      ['form.pdf', 'application/pdf', PDF, 'application/pdf'],
      ['photo.PNG', 'image/png', PNG, 'image/png'],
      ['scan.jpg', 'image/jpg', JPEG, 'image/jpeg'],
      ['notes.txt', 'text/plain; charset=utf-8', TEXT, 'text/plain'],
      ['form.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['description.pdf', '', PDF, 'application/pdf'],
      ['scan.jpeg', 'application/octet-stream', JPEG, 'image/jpeg'],
    ];
    for (const [fileName, mediaType, bytes, stored] of cases) {
      const added = add(petition.id, { kind: 'other', fileName, mediaType, contentBase64: b64(bytes) });
      expect([added.fileName, added.mediaType, added.sizeBytes]).toEqual([fileName, stored, bytes.length]);
    }
  });

  it('accepts a file of exactly 25 MB', () => {
    const petition = hboPetition();
    const bytes = Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x20);
    PDF.copy(bytes);
    const added = add(petition.id, { contentBase64: b64(bytes) });
    expect([added.sizeBytes, added.sha256]).toEqual([MAX_ATTACHMENT_BYTES, sha(bytes)]);
  });

  it('keeps only the base name of a path', () => {
    const petition = hboPetition();
    expect(add(petition.id, { fileName: 'C:\\Users\\secretary\\Scans\\hbo-form.pdf' }).fileName).toBe('hbo-form.pdf');
    expect(add(petition.id, { fileName: '../../etc/hbo-form.pdf' }).fileName).toBe('hbo-form.pdf');
    const error = refused('attachments.add', { petitionId: petition.id, kind: 'hbo_form', fileName: 'scans/', mediaType: 'application/pdf', contentBase64: b64(PDF) });
    expect(error.fields).toEqual({ fileName: translate('en', 'invalid.required') });
    const long = refused('attachments.add', { petitionId: petition.id, kind: 'hbo_form', fileName: `${'x'.repeat(252)}.pdf`, mediaType: 'application/pdf', contentBase64: b64(PDF) });
    expect(long.fields).toEqual({ fileName: translate('en', 'invalid.tooLong') });
  });

  it('writes one audit row per change with the metadata and never the content', () => {
    const petition = hboPetition();
    const before = count('audit_log');
    const added = add(petition.id, { contentBase64: b64(ALL_BYTES) });
    ok('attachments.remove', { id: added.id });

    const rows = t.register.sqlite.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(before) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.action, r.entity, r.entity_id, r.actor])).toEqual([
      ['create', 'attachment', added.id, 'secretary'],
      ['delete', 'attachment', added.id, 'secretary'],
    ]);
    const metadata = { petitionId: petition.id, kind: 'hbo_form', fileName: 'hbo-form.pdf', mediaType: 'application/pdf', sizeBytes: ALL_BYTES.length, sha256: added.sha256 };
    expect(JSON.parse(rows[0]!.after as string)).toEqual(metadata);
    expect(rows[0]!.before).toBeNull();
    expect(JSON.parse(rows[1]!.before as string)).toEqual(metadata);
    expect(rows[1]!.after).toBeNull();
    const text = JSON.stringify(rows);
    expect(text).not.toContain(b64(ALL_BYTES).slice(0, 40));
    expect(text).not.toContain('%PDF');
  });
});

describe('the HBO form and the hbo.form rule', () => {
  it('satisfies hbo.form while an HBO form is attached, and not after it is removed', () => {
    const petition = hboPetition();
    expect(rulesOf(petition.id)).toContain('hbo.form');
    expect(storedSeverity(petition.id)).toBe('error');

    // Another kind of file does not count as the form.
    add(petition.id, { kind: 'course_description', fileName: 'description.pdf' });
    expect(rulesOf(petition.id)).toContain('hbo.form');

    const form = add(petition.id);
    expect(rulesOf(petition.id)).not.toContain('hbo.form');
    expect(storedSeverity(petition.id)).not.toBe('error');

    ok('attachments.remove', { id: form.id });
    expect(rulesOf(petition.id)).toContain('hbo.form');
    expect(storedSeverity(petition.id)).toBe('error');
  });
});

describe('attachments.remove', () => {
  it('deletes the file', () => {
    const petition = hboPetition();
    const added = add(petition.id);
    expect(ok('attachments.remove', { id: added.id })).toEqual({ id: added.id });
    expect(count('attachments')).toBe(0);
    expect(refused('attachments.get', { id: added.id }).message).toBe(translate('en', 'attachment.error.notFound', { id: added.id }));
  });

  it('refuses for a decided petition, in English and Dutch, and keeps the file', () => {
    const petition = hboPetition();
    const added = add(petition.id);
    for (const status of ['approved', 'rejected', 'external_approved'] as const) {
      t.register.sqlite.prepare('UPDATE petitions SET status = ? WHERE id = ?').run(status, petition.id);
      const before = snapshot();
      for (const lang of ['en', 'nl'] as const) {
        const error = refused('attachments.remove', { id: added.id }, lang);
        expect(error.code).toBe('petition_decided');
        expect(error.message).toBe(translate(lang, 'attachment.error.decided', { fileName: 'hbo-form.pdf', status: { key: `status.${status}` } }));
      }
      expect(snapshot()).toEqual(before);
    }
  });

  it('refuses a transcript a grade registration refers to', () => {
    const petition = hboPetition();
    const transcript = add(petition.id, { kind: 'transcript', fileName: 'transcript.pdf' });
    const { sqlite } = t.register;
    const decision = sqlite
      .prepare(
        `INSERT INTO decisions (number, kind, outcome, petition_id, course_id, credited_ec, level, institution_name, reasoning, decided_on, signatory, created_at, created_by)
         VALUES ('BoEx-2025-001', 'individual', 'approved', ?, ?, 5, 'advanced', 'Willem de Kooning Academy', '', '2025-03-01', 'Chair', '2025-03-01T10:00:00.000Z', 'secretary')`,
      )
      .run(petition.id, petition.course.id);
    sqlite
      .prepare(
        `INSERT INTO grade_registrations (petition_id, decision_id, transcript_attachment_id, original_grade, converted_grade, result, credited_ec, registered_on, registered_by)
         VALUES (?, ?, ?, '8', 8, 'pass', 5, '2025-06-01', 'secretary')`,
      )
      .run(petition.id, decision.lastInsertRowid, transcript.id);
    // The status is left undecided, so it is the reference that refuses.
    sqlite.prepare("UPDATE petitions SET status = 'in_progress' WHERE id = ?").run(petition.id);

    const before = snapshot();
    for (const lang of ['en', 'nl'] as const) {
      const error = refused('attachments.remove', { id: transcript.id }, lang);
      expect(error.code).toBe('attachment_in_use');
      expect(error.message).toBe(translate(lang, 'attachment.error.transcriptInUse', { fileName: 'transcript.pdf' }));
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses an unknown attachment', () => {
    for (const lang of ['en', 'nl'] as const) {
      expect(refused('attachments.remove', { id: 99 }, lang).message).toBe(translate(lang, 'attachment.error.notFound', { id: 99 }));
    }
  });
});

describe('refusals: a sentence in English and Dutch, and nothing stored', () => {
  const tooLarge = () => {
    // 25 MB and one byte, starting like a PDF so that only the size is wrong.
    const bytes = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x20);
    PDF.copy(bytes);
    return bytes;
  };

  const cases: Array<{ name: string; change: () => Record<string, unknown>; code: string; key: MessageKey; params: MessageParams; prepare?: (id: number) => void }> = [
    {
      name: 'a file over 25 MB',
      change: () => ({ contentBase64: b64(tooLarge()) }),
      code: 'too_large',
      key: 'attachment.error.tooLarge',
      params: { fileName: 'hbo-form.pdf', limit: 25 },
    },
    { name: 'an empty file', change: () => ({ contentBase64: '' }), code: 'empty_file', key: 'attachment.error.empty', params: { fileName: 'hbo-form.pdf' } },
    {
      name: 'base64 with characters that are not base64',
      change: () => ({ contentBase64: `${b64(PDF).slice(0, 8)}!*${b64(PDF).slice(10)}` }),
      code: 'bad_content',
      key: 'attachment.error.badBase64',
      params: { fileName: 'hbo-form.pdf' },
    },
    {
      name: 'truncated base64',
      change: () => ({ contentBase64: b64(PDF).slice(0, -1) }),
      code: 'bad_content',
      key: 'attachment.error.badBase64',
      params: { fileName: 'hbo-form.pdf' },
    },
    {
      name: 'a .pdf that is not a PDF',
      change: () => ({ contentBase64: b64(Buffer.from('<html><body>Not a PDF</body></html>')) }),
      code: 'content_mismatch',
      key: 'attachment.error.contentMismatch',
      params: { fileName: 'hbo-form.pdf', type: { key: 'attachment.type.pdf' } },
    },
    {
      name: 'a PNG named .pdf and sent as a PNG',
      change: () => ({ mediaType: 'image/png', contentBase64: b64(PNG) }),
      code: 'content_mismatch',
      key: 'attachment.error.contentMismatch',
      params: { fileName: 'hbo-form.pdf', type: { key: 'attachment.type.pdf' } },
    },
    {
      name: 'a .jpg that is a PDF',
      change: () => ({ fileName: 'scan.jpg', mediaType: 'image/jpeg' }),
      code: 'content_mismatch',
      key: 'attachment.error.contentMismatch',
      params: { fileName: 'scan.jpg', type: { key: 'attachment.type.jpeg' } },
    },
    {
      name: 'a disallowed type',
      change: () => ({ fileName: 'archive.zip', mediaType: 'application/zip', contentBase64: b64(DOCX) }),
      code: 'type_not_allowed',
      key: 'attachment.error.typeNotAllowed',
      params: { fileName: 'archive.zip', type: 'application/zip' },
    },
    {
      name: 'an old Word document',
      change: () => ({ fileName: 'form.doc', mediaType: 'application/msword', contentBase64: b64(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) }),
      code: 'type_not_allowed',
      key: 'attachment.error.typeNotAllowed',
      params: { fileName: 'form.doc', type: 'application/msword' },
    },
    {
      name: 'a file of unknown type',
      change: () => ({ fileName: 'form', mediaType: '' }),
      code: 'type_not_allowed',
      key: 'attachment.error.typeUnknown',
      params: { fileName: 'form' },
    },
    {
      name: 'a withdrawn petition',
      change: () => ({}),
      prepare: (id) => void ok('petitions.withdraw', { id }),
      code: 'petition_withdrawn',
      key: 'attachment.error.withdrawn',
      params: { fileName: 'hbo-form.pdf' },
    },
    {
      name: 'an unknown petition',
      change: () => ({ petitionId: 999 }),
      code: 'not_found',
      key: 'error.petition.notFound',
      params: { id: 999 },
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}`, () => {
      const petition = hboPetition();
      c.prepare?.(petition.id);
      const input = { petitionId: petition.id, kind: 'hbo_form', fileName: 'hbo-form.pdf', mediaType: 'application/pdf', contentBase64: b64(PDF), ...c.change() };
      const before = snapshot();
      const attachmentsBefore = count('attachments');
      for (const lang of ['en', 'nl'] as const) {
        const error = refused('attachments.add', input, lang);
        expect(error.code).toBe(c.code);
        expect(error.message).toBe(translate(lang, c.key, c.params));
      }
      expect(count('attachments')).toBe(attachmentsBefore);
      expect(snapshot()).toEqual(before);
      // The finding still stands: nothing reached the rules.
      expect(rulesOf(petition.id)).toContain('hbo.form');
    });
  }

  it('names the allowed types in both languages', () => {
    for (const lang of ['en', 'nl'] as const) {
      const sentence = translate(lang, 'attachment.error.typeNotAllowed', { fileName: 'x.zip', type: 'application/zip' });
      for (const type of ['PDF', 'PNG', 'JPEG', '.txt', '.docx']) expect(sentence.toUpperCase()).toContain(type.toUpperCase());
    }
  });

  it('says in Dutch what is wrong with a fake PDF', () => {
    const petition = hboPetition();
    const error = refused('attachments.add', { petitionId: petition.id, kind: 'hbo_form', fileName: 'formulier.pdf', mediaType: 'application/pdf', contentBase64: b64(TEXT) }, 'nl');
    expect(error.message).toMatch(/^formulier\.pdf is niet echt een pdf-bestand/);
  });
});
