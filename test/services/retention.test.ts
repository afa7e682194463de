// Retention on a real register file: which students are past the retention period, the purge that
// is refused whole (open petition, wrong confirmation, not yet due, read-only register), and a
// purge that leaves none of the purged students' personal data anywhere in the file's raw bytes
// (main file and write-ahead log), while the statistics and decision numbers stay.
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegister, type Register } from '../../db/register';
import { readMigrations } from '../../db/migrations';
import { dispatch } from '../../electron/services/dispatch';
import type { CallInput, CallName } from '../../shared/api';
import type { MessageParams } from '../../shared/errors';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import { decisionForm, itemOf, ok, onBoexAgenda } from '../support/meetings';
import { cleanUp, openTestRegister, petitionForm, tempDir, track, type PetitionForm, type TestRegister } from '../support/register';
import { foldForSearch } from '../../shared/search';

afterEach(cleanUp);

/** The register's clock, moved by the test: the petitions are decided years before the purge. */
let clock: Date;
let t: TestRegister;
beforeEach(() => {
  clock = new Date('2017-01-05T10:00:00.000Z');
  t = openTestRegister({ now: () => clock });
});

const PDF_OF = (marker: string) => Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');

interface Person {
  number: string;
  given: string;
  family: string;
  email: string;
  motivation: string;
}

const ZOE: Person = {
  number: 's2000001',
  given: 'Zoë',
  family: 'Vanderquist-Nguyễn',
  email: 'zoe.vanderquist@umail.leidenuniv.nl',
  motivation: 'Quasimodular photogrammetry complements my thesis.',
};
const LUKASZ: Person = {
  number: 's2000002',
  given: 'Łukasz',
  family: 'Wiśniewskiquor',
  email: 'l.wisniewskiquor@umail.leidenuniv.nl',
  motivation: 'Zygomorphic interaction design is my minor.',
};
const DMITRY: Person = { number: 's2000003', given: 'Дмитрий', family: 'Keptovsky', email: 'd.keptovsky@umail.leidenuniv.nl', motivation: 'Kept motivation.' };
const OYVIND: Person = { number: 's2000004', given: 'Øyvind', family: 'Openshaw', email: 'o.openshaw@umail.leidenuniv.nl', motivation: 'Still open.' };

let courseSerial = 0;
function petitionOf(p: Person, change: Partial<PetitionForm> = {}): number {
  courseSerial += 1;
  return ok(
    t,
    'petitions.create',
    petitionForm({
      studentNumber: p.number,
      givenName: p.given,
      familyName: p.family,
      email: p.email,
      motivation: p.motivation,
      courseCode: `RET${courseSerial}`,
      courseTitle: `Retention course ${courseSerial}`,
      ...change,
    }),
  ).id;
}

function attach(petitionId: number, fileName: string, marker: string, kind: 'course_description' | 'transcript' | 'other' = 'course_description'): number {
  return ok(t, 'attachments.add', { petitionId, kind, fileName, mediaType: 'application/pdf', contentBase64: PDF_OF(marker).toString('base64') }).id;
}

/** Through the MT Board and the BoEx on `on`; returns the decision number. */
function decide(petitionId: number, on: string, outcome: 'approved' | 'rejected', reasoning: string): string {
  clock = new Date(`${on}T12:00:00.000Z`);
  const mtOn = `${on.slice(0, 8)}01`;
  const boex = onBoexAgenda(t, [{ id: petitionId, reasoning: `Advice on ${reasoning}` }], { mtOn, boexOn: on });
  return ok(t, 'decisions.record', decisionForm(itemOf(boex, petitionId).id, { outcome, decidedOn: on, reasoning })).number;
}

interface World {
  zoe: { petitionId: number; number: string };
  lukasz: { petitionId: number; number: string };
  dmitry: { petitionId: number; number: string };
  oyvind: { decided: number; open: number; number: string };
}

/**
 * Zoë: approved in February 2017, transcript and grade registered (8 years before the purge);
 * Łukasz: rejected in 2017; Дмитрий: rejected in February 2019 (6 years); Øyvind: rejected in 2017
 * but with a petition still open. The purge runs on 1 March 2025.
 */
function world(): World {
  const zoeId = petitionOf(ZOE, { submittedOn: '2017-01-05', courseStartDate: '2017-04-20' });
  attach(zoeId, 'zoe-vanderquist-course.pdf', 'ZOECONTENTMARKER');
  const lukaszId = petitionOf(LUKASZ, { submittedOn: '2017-01-05', courseStartDate: '2017-04-20' });
  attach(lukaszId, 'lukasz-wisniewskiquor-form.pdf', 'LUKASZCONTENTMARKER', 'other');
  const oyvindOld = petitionOf(OYVIND, { submittedOn: '2017-01-05', courseStartDate: '2017-04-20' });
  const zoeNumber = decide(zoeId, '2017-02-27', 'approved', `Approved for ${ZOE.given} ${ZOE.family}.`);
  const lukaszNumber = decide(lukaszId, '2017-02-28', 'rejected', `Rejected for ${LUKASZ.family}: bachelor level.`);
  const oyvindNumber = decide(oyvindOld, '2017-03-01', 'rejected', 'Rejected: bachelor level.');
  clock = new Date('2017-07-01T10:00:00.000Z');
  const transcript = attach(zoeId, 'zoe-vanderquist-transcript.pdf', 'ZOETRANSCRIPTMARKER', 'transcript');
  ok(t, 'grades.register', { petitionId: zoeId, transcriptAttachmentId: transcript, originalGrade: '8,3', dutchGrade: '8,3', passFail: false });
  ok(t, 'usis.export', { language: 'en' });

  clock = new Date('2019-01-10T10:00:00.000Z');
  const dmitryId = petitionOf(DMITRY, { submittedOn: '2019-01-10', courseStartDate: '2019-04-20' });
  const dmitryNumber = decide(dmitryId, '2019-02-27', 'rejected', 'Rejected: honours course.');

  clock = new Date('2025-02-20T10:00:00.000Z');
  const oyvindOpen = petitionOf(OYVIND, { submittedOn: '2025-02-20', courseStartDate: '2025-04-22' });
  clock = new Date('2025-03-01T09:30:00.000Z');
  return {
    zoe: { petitionId: zoeId, number: zoeNumber },
    lukasz: { petitionId: lukaszId, number: lukaszNumber },
    dmitry: { petitionId: dmitryId, number: dmitryNumber },
    oyvind: { decided: oyvindOld, open: oyvindOpen, number: oyvindNumber },
  };
}

/** Every row of every table and view of the register, the search index included. */
function dumpAll(register: Register): Record<string, unknown[]> {
  const tables = register.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, register.sqlite.prepare(`SELECT * FROM "${name}"`).all()]));
}

function refusedWith<N extends CallName>(name: N, input: CallInput<N>, code: string, key: MessageKey, params: MessageParams = {}): void {
  const before = dumpAll(t.register);
  for (const lang of ['en', 'nl'] as Language[]) {
    const result = dispatch(t.ctx, name, input, lang);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toBe(translate(lang, key, params));
  }
  expect(dumpAll(t.register)).toEqual(before);
}

/** The register's bytes as they lie on disk: the main file and, when there is one, its write-ahead log. */
function rawBytes(file: string): Buffer {
  return Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
}

/**
 * What must not survive a purge, as the bytes could hold it: as typed (UTF-8, accents and all), and
 * as the search index stores its terms (lower case, accents removed, Ł and kin folded).
 */
function traces(p: Person): string[] {
  const folded = (s: string) => foldForSearch(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const parts = [p.given, ...p.family.split('-')];
  return [p.number, p.email, p.motivation, ...parts, ...parts.map(folded)];
}

const found = (bytes: Buffer, needle: string) => bytes.includes(Buffer.from(needle, 'utf8'));

describe('retention', () => {
  it('keeps 7 years by default; the period is a setting of 1 to 100 whole years, audited', () => {
    expect(ok(t, 'retention.settings', {})).toEqual({ years: 7 });
    expect(ok(t, 'retention.updateSettings', { years: 10 })).toEqual({ years: 10 });
    expect(ok(t, 'retention.settings', {})).toEqual({ years: 10 });
    const audit = t.register.sqlite.prepare(`SELECT before, after FROM audit_log WHERE entity = 'settings' ORDER BY id DESC LIMIT 1`).get() as { before: string; after: string };
    expect(JSON.parse(audit.before)).toEqual({ key: 'retention', years: 7 });
    expect(JSON.parse(audit.after)).toEqual({ key: 'retention', years: 10 });
    for (const years of [0, 101, 7.5]) {
      const result = dispatch(t.ctx, 'retention.updateSettings', { years }, 'nl');
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { years: translate('nl', 'retention.invalid.years') } } });
    }
    expect(ok(t, 'retention.settings', {})).toEqual({ years: 10 });
  });

  it('lists the students past the period after their last decision; one with an open petition is listed as blocked', () => {
    const w = world();
    const due = ok(t, 'retention.due', {});
    expect(due).toEqual([
      { studentNumber: ZOE.number, name: `${ZOE.given} ${ZOE.family}`, lastDecisionOn: '2017-02-27', dueSince: '2024-02-27', petitionCount: 1, blockedBy: null },
      { studentNumber: LUKASZ.number, name: `${LUKASZ.given} ${LUKASZ.family}`, lastDecisionOn: '2017-02-28', dueSince: '2024-02-28', petitionCount: 1, blockedBy: null },
      // Øyvind's last decision is as old as Zoë's, but a petition is open: listed last, not purgeable.
      { studentNumber: OYVIND.number, name: `${OYVIND.given} ${OYVIND.family}`, lastDecisionOn: '2017-03-01', dueSince: '2024-03-01', petitionCount: 2, blockedBy: 'open' },
    ]);
    // Дмитрий is due on 27 February 2026.
    expect(w.oyvind.number).toBeTruthy();
    ok(t, 'retention.updateSettings', { years: 6 });
    expect(ok(t, 'retention.due', {}).map((d) => [d.studentNumber, d.blockedBy])).toEqual([
      [ZOE.number, null],
      [LUKASZ.number, null],
      [DMITRY.number, null],
      [OYVIND.number, 'open'],
    ]);
    ok(t, 'retention.updateSettings', { years: 9 });
    expect(ok(t, 'retention.due', {})).toEqual([]);
  });

  it('lists a student whose approval has waited years for its grade as blocked by an open petition, and refuses to purge them', () => {
    world();
    const waiting: Person = { number: 's2000005', given: 'Wanda', family: 'Waitingham', email: 'w.waitingham@umail.leidenuniv.nl', motivation: 'Approved, grade never came.' };
    clock = new Date('2019-02-01T10:00:00.000Z');
    const petitionId = petitionOf(waiting, { submittedOn: '2019-02-01', courseStartDate: '2019-04-20' });
    decide(petitionId, '2019-03-05', 'approved', 'Approved.');
    clock = new Date('2027-01-10T09:30:00.000Z');
    expect(ok(t, 'petitions.get', { id: petitionId }).status).toBe('in_progress');
    const listed = ok(t, 'retention.due', {}).find((d) => d.studentNumber === waiting.number);
    expect(listed).toEqual({ studentNumber: waiting.number, name: 'Wanda Waitingham', lastDecisionOn: '2019-03-05', dueSince: '2026-03-05', petitionCount: 1, blockedBy: 'open' });
    refusedWith('retention.purge', { studentNumbers: [waiting.number], confirmCount: 1 }, 'purge_open', 'retention.error.open', { studentNumber: waiting.number, name: 'Wanda Waitingham', count: 1 });
  });

  it('refuses a purge whole, with a sentence, when a petition is open, the count is wrong, or a student is not due', () => {
    world();
    refusedWith(
      'retention.purge',
      { studentNumbers: [ZOE.number, OYVIND.number], confirmCount: 2 },
      'purge_open',
      'retention.error.open',
      { studentNumber: OYVIND.number, name: `${OYVIND.given} ${OYVIND.family}`, count: 1 },
    );
    refusedWith('retention.purge', { studentNumbers: [ZOE.number, LUKASZ.number], confirmCount: 3 }, 'purge_count_mismatch', 'retention.error.confirmCount', { count: 2, confirmed: 3 });
    refusedWith('retention.purge', { studentNumbers: [ZOE.number, LUKASZ.number], confirmCount: 1 }, 'purge_count_mismatch', 'retention.error.confirmCount', { count: 2, confirmed: 1 });
    refusedWith('retention.purge', { studentNumbers: [DMITRY.number], confirmCount: 1 }, 'purge_not_due', 'retention.error.notDue', {
      studentNumber: DMITRY.number,
      name: `${DMITRY.given} ${DMITRY.family}`,
      date: { en: '27 February 2026', nl: '27 februari 2026' },
    });
    refusedWith('retention.purge', { studentNumbers: ['s9999999'], confirmCount: 1 }, 'purge_unknown', 'retention.error.unknown', { studentNumber: 's9999999' });
    const empty = dispatch(t.ctx, 'retention.purge', { studentNumbers: [], confirmCount: 0 }, 'en');
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ok(t, 'retention.due', {}).filter((d) => d.blockedBy === null)).toHaveLength(2);
  });

  it('lists a student whose registered grade has not gone to uSis yet as blocked, and refuses to purge them', () => {
    const w = world();
    const [registration] = ok(t, 'grades.ofPetition', { petitionId: w.zoe.petitionId });
    ok(t, 'grades.correct', {
      registrationId: registration!.id,
      transcriptAttachmentId: registration!.transcriptAttachmentId,
      originalGrade: '8,5',
      dutchGrade: '8,5',
      passFail: false,
    });
    expect(ok(t, 'retention.due', {}).map((d) => [d.studentNumber, d.blockedBy])).toEqual([
      [LUKASZ.number, null],
      [ZOE.number, 'unexported'],
      [OYVIND.number, 'open'],
    ]);
    refusedWith('retention.purge', { studentNumbers: [ZOE.number], confirmCount: 1 }, 'purge_unexported', 'retention.error.unexported', {
      studentNumber: ZOE.number,
      name: `${ZOE.given} ${ZOE.family}`,
    });
    ok(t, 'usis.export', { language: 'en' });
    expect(ok(t, 'retention.due', {}).map((d) => [d.studentNumber, d.blockedBy])).toEqual([
      [ZOE.number, null],
      [LUKASZ.number, null],
      [OYVIND.number, 'open'],
    ]);
  });

  it('leaves no personal data of the purged students anywhere in the file, and keeps the statistics and decision numbers', () => {
    const w = world();
    const fileNames = ['zoe-vanderquist-course.pdf', 'zoe-vanderquist-transcript.pdf', 'lukasz-wisniewskiquor-form.pdf'];
    const contents = ['ZOECONTENTMARKER', 'ZOETRANSCRIPTMARKER', 'LUKASZCONTENTMARKER'];
    const gone = [...traces(ZOE), ...traces(LUKASZ), ...fileNames, ...contents];
    const kept = [DMITRY.given, DMITRY.family, DMITRY.number, OYVIND.family, w.zoe.number, w.lukasz.number, w.dmitry.number];

    // The test can only fail if the bytes held every trace before: check that first.
    t.register.sqlite.pragma('wal_checkpoint(PASSIVE)');
    const before = rawBytes(t.file);
    expect(gone.filter((needle) => !found(before, needle))).toEqual([]);
    const statistics = () =>
      t.register.sqlite
        .prepare(
          `SELECT p.id, p.status, p.submitted_on, p.course_id, d.number, d.outcome, d.credited_ec, d.level, d.institution_name, d.decided_on, g.converted_grade, g.result, g.credited_ec AS grade_ec
           FROM petitions p LEFT JOIN decisions d ON d.petition_id = p.id LEFT JOIN grade_registrations g ON g.petition_id = p.id ORDER BY p.id, d.id`,
        )
        .all();
    const statsBefore = statistics();
    const auditBefore = (t.register.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

    const result = ok(t, 'retention.purge', { studentNumbers: [ZOE.number, LUKASZ.number], confirmCount: 2 });
    expect(result).toEqual({ purged: 2, petitions: 2, attachments: 3, compacted: true });

    const after = rawBytes(t.file);
    expect(gone.filter((needle) => found(after, needle))).toEqual([]);
    expect(kept.filter((needle) => !found(after, needle))).toEqual([]);

    expect(statistics()).toEqual(statsBefore);
    expect(ok(t, 'retention.due', {}).map((d) => d.studentNumber)).toEqual([OYVIND.number]);
    const purged = t.register.sqlite.prepare('SELECT id, student_number, given_name, family_name, email, purged_on FROM students WHERE purged_on IS NOT NULL ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(purged).toEqual([
      { id: 1, student_number: 'purged-1', given_name: '—', family_name: '—', email: '', purged_on: '2025-03-01' },
      { id: 2, student_number: 'purged-2', given_name: '—', family_name: '—', email: '', purged_on: '2025-03-01' },
    ]);
    // The transcript a grade registration points at stays as an empty, nameless file; the others are gone.
    expect(t.register.sqlite.prepare('SELECT file_name, size_bytes FROM attachments WHERE petition_id IN (?, ?)').all(w.zoe.petitionId, w.lukasz.petitionId)).toEqual([
      { file_name: '—', size_bytes: 0 },
    ]);

    // One audit row for the purge, naming counts and anonymous ids only.
    const audit = t.register.sqlite.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<string, string | null>;
    expect(audit).toMatchObject({ action: 'purge', entity: 'retention', actor: 'secretary', at: '2025-03-01T09:30:00.000Z', before: null });
    expect(JSON.parse(audit.after!)).toEqual({ purged: 2, petitions: 2, attachments: 3, years: 7, studentIds: [1, 2] });
    expect((t.register.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(auditBefore + 1);
    // The history of a purged petition still shows what happened, without what it was about.
    const history = ok(t, 'petitions.get', { id: w.zoe.petitionId }).history;
    expect(history.map((h) => h.action)).toContain('create');

    // The search index finds the kept student, and the purged petitions by their decision number only.
    const search = (text: string) => ok(t, 'petitions.list', { search: text }).rows.map((r) => r.id);
    expect(search('Keptovsky')).toEqual([w.dmitry.petitionId]);
    expect(search('Vanderquist')).toEqual([]);
    expect(search(w.zoe.number)).toContain(w.zoe.petitionId);

    expect(t.register.sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(t.register.sqlite.pragma('foreign_key_check')).toEqual([]);
    // A purged student is never due again and cannot be purged twice.
    refusedWith('retention.purge', { studentNumbers: [ZOE.number], confirmCount: 1 }, 'purge_unknown', 'retention.error.unknown', { studentNumber: ZOE.number });
  });

  it("leaves another student's audit history byte for byte, though they share the purged student's name", () => {
    world();
    // Zoë's namesake, with a course whose title holds the name too; a petition typed in under Zoë's
    // number by mistake and then moved to the namesake: its first row and the move's "before" name Zoë.
    const twin: Person = { number: 's2000006', given: ZOE.given, family: ZOE.family, email: 'zoe.vn2@umail.leidenuniv.nl', motivation: 'The namesake’s own motivation.' };
    clock = new Date('2025-02-10T10:00:00.000Z');
    const own = petitionOf(twin, { submittedOn: '2025-02-10', courseStartDate: '2025-04-22', courseTitle: `Reading ${ZOE.given} ${ZOE.family}` });
    const moved = petitionOf(ZOE, { submittedOn: '2025-02-11', courseStartDate: '2025-04-22' });
    const movedForm = petitionForm({ studentNumber: twin.number, givenName: twin.given, familyName: twin.family, email: twin.email, motivation: twin.motivation, courseCode: `RET${courseSerial}`, courseTitle: `Retention course ${courseSerial}`, submittedOn: '2025-02-11', courseStartDate: '2025-04-22' });
    ok(t, 'petitions.update', { id: moved, ...movedForm });
    clock = new Date('2025-03-01T09:30:00.000Z');
    const twinId = (t.register.sqlite.prepare('SELECT id FROM students WHERE student_number = ?').get(twin.number) as { id: number }).id;
    type Row = { id: number; entity: string; entity_id: number | null; action: string; before: string | null; after: string | null };
    const auditRows = () => t.register.sqlite.prepare('SELECT id, entity, entity_id, action, before, after FROM audit_log ORDER BY id').all() as Row[];
    const twinsOwn = (r: Row) =>
      (r.entity === 'student' && r.entity_id === twinId) || (r.entity === 'petition' && r.entity_id === own) || (r.entity === 'course' && (r.after ?? '').includes(`Reading ${ZOE.given}`));
    const before = auditRows();
    const twinRows = before.filter(twinsOwn);
    expect(twinRows.length).toBeGreaterThanOrEqual(3);
    // The test can only fail if the namesake's rows hold the shared name.
    expect(twinRows.every((r) => `${r.before}${r.after}`.includes(ZOE.family))).toBe(true);

    // The moved petition is the namesake's now, so Zoë has none open and is due.
    ok(t, 'retention.purge', { studentNumbers: [ZOE.number, LUKASZ.number], confirmCount: 2 });
    const after = auditRows();
    expect(after.filter(twinsOwn)).toEqual(twinRows);
    // The move's row keeps the namesake's side as it was and loses Zoë's.
    const move = (rows: Row[]) => rows.find((r) => r.entity === 'petition' && r.entity_id === moved && r.action === 'update')!;
    expect(move(after).after).toBe(move(before).after);
    expect(move(before).before).toContain(ZOE.number);
    expect(move(after).before).not.toContain(ZOE.number);
    expect(JSON.parse(move(after).before!)).toMatchObject({ redacted: true, courseStartDate: '2025-04-22' });
    // Nothing else but the purged students' rows changed, apart from the purge's own new row.
    const changed = after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i])).map((r) => r.id);
    const purgedRows = new Set(after.filter((r) => `${r.before}${r.after}`.includes('"redacted":true')).map((r) => r.id));
    expect(changed.filter((id) => !purgedRows.has(id))).toEqual([after.at(-1)!.id]);
    expect(ok(t, 'petitions.get', { id: own }).student.familyName).toBe(ZOE.family);
  });

  it('purges more students than SQLite allows variables in one statement (40,000), in one go', () => {
    // Written directly: 40,000 petitions through the services would take minutes. Each student has
    // a creation row in the audit log, as the services write it.
    const count = 40_000;
    const insertStudent = t.register.sqlite.prepare(`INSERT INTO students (student_number, given_name, family_name, email, created_at, updated_at) VALUES (?, ?, 'Bulkington', ?, '2010-01-01T00:00:00.000Z', '2010-01-01T00:00:00.000Z')`);
    const insertAudit = t.register.sqlite.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES ('2010-01-01T00:00:00.000Z', 'secretary', 'create', 'student', ?, NULL, ?)`);
    const numbers: string[] = [];
    t.register.sqlite.transaction(() => {
      for (let i = 0; i < count; i += 1) {
        const number = `s${String(5_000_000 + i)}`;
        numbers.push(number);
        const id = Number(insertStudent.run(number, `Bulk${i}`, `${number}@umail.leidenuniv.nl`).lastInsertRowid);
        insertAudit.run(id, JSON.stringify({ studentNumber: number, givenName: `Bulk${i}`, familyName: 'Bulkington', email: `${number}@umail.leidenuniv.nl` }));
      }
    })();
    expect(ok(t, 'retention.due', {})).toHaveLength(count);
    const started = Date.now();
    expect(ok(t, 'retention.purge', { studentNumbers: numbers, confirmCount: count })).toEqual({ purged: count, petitions: 0, attachments: 0, compacted: true });
    expect(Date.now() - started).toBeLessThan(10_000);
    const left = t.register.sqlite.prepare(`SELECT count(*) AS n FROM students WHERE purged_on IS NULL OR family_name <> '—'`).get() as { n: number };
    expect(left.n).toBe(0);
    const named = t.register.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE instr(after, 'Bulkington') > 0`).get() as { n: number };
    expect(named.n).toBe(0);
    expect(ok(t, 'retention.due', {})).toEqual([]);
  }, 30_000);

  it('commits the purge when another program holds the register open, and says the file could not be wiped yet', () => {
    world();
    const reader = new Database(t.file, { readonly: true });
    try {
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT count(*) FROM students').get();
      const started = Date.now();
      expect(ok(t, 'retention.purge', { studentNumbers: [ZOE.number], confirmCount: 1 })).toMatchObject({ purged: 1, compacted: false });
      expect(Date.now() - started).toBeLessThan(4_000);
      reader.prepare('COMMIT').run();
    } finally {
      reader.close();
    }
    expect(t.register.sqlite.prepare('SELECT student_number FROM students WHERE id = 1').get()).toEqual({ student_number: 'purged-1' });
    expect(t.register.sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // The next purge, with nobody else reading, wipes the file: Zoë's traces go with Łukasz's.
    expect(ok(t, 'retention.purge', { studentNumbers: [LUKASZ.number], confirmCount: 1 })).toMatchObject({ purged: 1, compacted: true });
    const bytes = rawBytes(t.file);
    expect([...traces(ZOE), ...traces(LUKASZ)].filter((needle) => found(bytes, needle))).toEqual([]);
  });

  it('refuses a purge, and a change of the period, on a register opened read-only', () => {
    world();
    t.register.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const readOnly = track(openRegister(t.file, { readonly: true }));
    const ctx = { register: readOnly, actor: 'secretary', now: () => clock };
    for (const [name, input] of [
      ['retention.purge', { studentNumbers: [ZOE.number], confirmCount: 1 }],
      ['retention.updateSettings', { years: 8 }],
    ] as const) {
      const result = dispatch(ctx, name, input, 'en');
      expect(result).toEqual({ ok: false, error: { code: 'read_only', message: translate('en', 'error.readOnly') } });
    }
    expect(dispatch(ctx, 'retention.due', {}, 'en')).toMatchObject({ ok: true, value: [{ studentNumber: ZOE.number }, { studentNumber: LUKASZ.number }, { studentNumber: OYVIND.number }] });
  });
});

describe('migration 0003 (students may be purged)', () => {
  it('keeps every student, their ids and the id counter, the foreign keys and the search trigger', () => {
    const file = `${tempDir()}/old.db`;
    const all = readMigrations();
    const old = openRegister(file, { migrations: all.slice(0, 3), actor: 'secretary' });
    const now = '2024-01-01T00:00:00.000Z';
    old.sqlite.prepare(`INSERT INTO institutions (name, country, kind, created_at, updated_at) VALUES ('Utrecht University', 'NL', 'university', ?, ?)`).run(now, now);
    old.sqlite.prepare(`INSERT INTO courses (institution_id, code, title, ec, level, created_at, updated_at) VALUES (1, 'INFOMCV', 'Computer Vision', 7.5, 'master', ?, ?)`).run(now, now);
    for (const [number, given] of [['s1000001', 'Zoë'], ['s1000002', 'Anna'], ['s1000003', 'Gone']]) {
      old.sqlite.prepare(`INSERT INTO students (student_number, given_name, family_name, email, created_at, updated_at) VALUES (?, ?, 'Tester', 'x@y.nl', ?, ?)`).run(number, given, now, now);
    }
    old.sqlite.prepare(`DELETE FROM students WHERE id = 3`).run();
    for (const student of [1, 2]) {
      old.sqlite.prepare(`INSERT INTO petitions (student_id, course_id, submitted_on, created_at, updated_at) VALUES (?, 1, '2024-01-01', ?, ?)`).run(student, now, now);
    }
    old.close();

    const migrated = track(openRegister(file, { actor: 'secretary' }));
    expect(migrated.schemaVersion).toBe(all.length);
    expect(migrated.sqlite.prepare('SELECT id, student_number, given_name, purged_on FROM students ORDER BY id').all()).toEqual([
      { id: 1, student_number: 's1000001', given_name: 'Zoë', purged_on: null },
      { id: 2, student_number: 's1000002', given_name: 'Anna', purged_on: null },
    ]);
    expect(migrated.sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'students'`).get()).toEqual({ seq: 3 });
    expect(migrated.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(migrated.sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(migrated.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '__students%'`).all()).toEqual([]);
    // Foreign keys still hold against the rebuilt table.
    expect(() => migrated.sqlite.prepare(`DELETE FROM students WHERE id = 1`).run()).toThrow(/FOREIGN KEY/);
    // The search index follows a student's name through the recreated trigger.
    migrated.sqlite.prepare(`UPDATE students SET family_name = 'Renamedson' WHERE id = 2`).run();
    expect(migrated.sqlite.prepare(`SELECT rowid FROM petition_search WHERE petition_search MATCH 'renamedson'`).all()).toEqual([{ rowid: 2 }]);
    // A number that is not a student number is refused unless the student was purged.
    expect(() => migrated.sqlite.prepare(`UPDATE students SET student_number = 'purged-1' WHERE id = 1`).run()).toThrow(/CHECK/);
    migrated.sqlite.prepare(`UPDATE students SET student_number = 'purged-1', purged_on = '2025-03-01' WHERE id = 1`).run();
    expect(() => migrated.sqlite.prepare(`INSERT INTO students (student_number, given_name, family_name, email, created_at, updated_at) VALUES ('s123', 'A', 'B', '', ?, ?)`).run(now, now)).toThrow(/CHECK/);
    const next = migrated.sqlite.prepare(`INSERT INTO students (student_number, given_name, family_name, email, created_at, updated_at) VALUES ('s1000004', 'A', 'B', '', ?, ?)`).run(now, now);
    expect(next.lastInsertRowid).toBe(4);
  });
});
