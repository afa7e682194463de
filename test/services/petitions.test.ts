// Petitions through dispatch, the path every transport (IPC, HTTP bridge) takes: what is stored,
// what is audited in the same transaction, and what a person reads when a call is refused.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import type { ApiErrorBody } from '../../shared/errors';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import type { PetitionDetail } from '../../shared/schemas';
import { cleanUp, countRows, dumpRows, openTestRegister, petitionForm, type PetitionForm, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

/** What no sentence for a person may hold: a stack frame, or the database driver's internals. */
const INTERNALS = /SqliteError|SQLITE_|\n\s*at |\bat \S+ \(|\.ts:\d+|Error:/;

function expectNoInternals(error: ApiErrorBody): void {
  for (const sentence of [error.message, ...Object.values(error.fields ?? {})]) expect(sentence).not.toMatch(INTERNALS);
}

/** A call that must succeed; returns its value. */
function ok<T = PetitionDetail>(name: string, input: unknown): T {
  const result = dispatch(t.ctx, name, input, 'en');
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A call that must be refused; returns the error body, checked for internals on the way. */
function refused(name: unknown, input: unknown, lang: Language = 'en'): ApiErrorBody {
  const result = dispatch(t.ctx, name, input, lang);
  if (result.ok) throw new Error(`${String(name)} succeeded, but should have been refused`);
  expectNoInternals(result.error);
  return result.error;
}

interface AuditRow {
  action: string;
  entity: string;
  entity_id: number | null;
  actor: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function auditSince(id: number): AuditRow[] {
  return (t.register.sqlite.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(id) as Array<Record<string, unknown>>).map(
    (row) => ({
      action: row.action as string,
      entity: row.entity as string,
      entity_id: row.entity_id as number | null,
      actor: row.actor as string,
      before: row.before === null ? null : (JSON.parse(row.before as string) as Record<string, unknown>),
      after: row.after === null ? null : (JSON.parse(row.after as string) as Record<string, unknown>),
    }),
  );
}

const lastAuditId = () => (t.register.sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log').get() as { id: number }).id;

describe('petitions.create', () => {
  it('stores the student, institution, course and petition, each with its audit row', () => {
    const from = lastAuditId();
    const petition = ok('petitions.create', petitionForm());

    expect(petition).toMatchObject({
      status: 'submitted',
      submittedOn: '2025-02-10',
      courseStartDate: '2025-04-22',
      student: { studentNumber: 's1234567', givenName: 'Zoë', familyName: 'de Vries' },
      institution: { name: 'Utrecht University', kind: 'university', country: 'Netherlands' },
      course: { code: 'INFOMCV', title: 'Computer Vision', ec: 7.5, level: 'master', honours: false },
    });
    expect(countRows(t.register)).toEqual({ students: 1, institutions: 1, courses: 1, petitions: 1, audit_log: from + 4 });

    const audit = auditSince(from);
    expect(audit.map((r) => [r.action, r.entity, r.actor])).toEqual([
      ['create', 'student', 'secretary'],
      ['create', 'institution', 'secretary'],
      ['create', 'course', 'secretary'],
      ['create', 'petition', 'secretary'],
    ]);
    expect(audit.map((r) => r.entity_id)).toEqual([petition.student.id, petition.institution.id, petition.course.id, petition.id]);
    expect(audit.every((r) => r.before === null)).toBe(true);
    expect(audit[3]?.after).toMatchObject({ studentNumber: 's1234567', courseCode: 'INFOMCV', ec: 7.5, status: 'submitted' });
    expect(petition.history.map((h) => h.action)).toEqual(['create']);
  });

  it('reuses the student and the institution for a second petition, matching the institution regardless of case', () => {
    const first = ok('petitions.create', petitionForm());
    const from = lastAuditId();
    const second = ok('petitions.create', petitionForm({ institution: 'UTRECHT university', courseCode: 'INFOMDM', courseTitle: 'Data Mining', ec: 5 }));

    expect(second.student.id).toBe(first.student.id);
    expect(second.institution).toEqual(first.institution);
    expect(second.course.id).not.toBe(first.course.id);
    expect(countRows(t.register)).toMatchObject({ students: 1, institutions: 1, courses: 2, petitions: 2 });
    expect(auditSince(from).map((r) => [r.action, r.entity])).toEqual([
      ['create', 'course'],
      ['create', 'petition'],
    ]);
  });

  it('refuses a known student number with another name, and stores nothing', () => {
    ok('petitions.create', petitionForm());
    const before = dumpRows(t.register);

    for (const lang of ['en', 'nl'] as const) {
      const error = refused('petitions.create', petitionForm({ givenName: 'Max', familyName: 'Mustermann', courseCode: 'X1' }), lang);
      expect(error.code).toBe('student_conflict');
      const sentence = translate(lang, 'error.student.conflict', { studentNumber: 's1234567', name: 'Zoë de Vries' });
      expect(error.message).toBe(sentence);
      expect(error.fields).toEqual({ studentNumber: sentence });
    }
    expect(dumpRows(t.register)).toEqual(before);
  });

  it('refuses a known institution with another kind, and stores nothing', () => {
    ok('petitions.create', petitionForm());
    const before = dumpRows(t.register);

    const error = refused('petitions.create', petitionForm({ institution: 'utrecht university', institutionKind: 'applied_sciences', courseCode: 'X1' }));
    expect(error.code).toBe('institution_conflict');
    // The kind is named in words, as the secretary chose it in the form.
    expect(error.fields?.institutionKind).toBe(
      translate('en', 'error.institution.kindConflict', { name: 'Utrecht University', kind: { key: 'kind.university' } }),
    );
    expect(error.message).toContain('Research university');
    expect(dumpRows(t.register)).toEqual(before);
  });

  const invalid: Array<{ what: string; change: Record<string, unknown>; field: keyof PetitionForm; key: MessageKey }> = [
    { what: 'EC "abc"', change: { ec: 'abc' }, field: 'ec', key: 'invalid.ec' },
    { what: 'EC "0"', change: { ec: '0' }, field: 'ec', key: 'invalid.ecRange' },
    { what: 'EC 61', change: { ec: 61 }, field: 'ec', key: 'invalid.ecRange' },
    { what: 'EC "-5"', change: { ec: '-5' }, field: 'ec', key: 'invalid.ec' },
    { what: 'student number "1234567"', change: { studentNumber: '1234567' }, field: 'studentNumber', key: 'invalid.studentNumber' },
    { what: 'an empty course title', change: { courseTitle: '' }, field: 'courseTitle', key: 'invalid.required' },
    { what: 'a course title of spaces', change: { courseTitle: '   ' }, field: 'courseTitle', key: 'invalid.required' },
    { what: 'submitted on 2024-02-30', change: { submittedOn: '2024-02-30' }, field: 'submittedOn', key: 'invalid.date' },
    { what: 'a start date 2025-13-01', change: { courseStartDate: '2025-13-01' }, field: 'courseStartDate', key: 'invalid.date' },
    { what: 'level 350', change: { level: 350 }, field: 'level', key: 'invalid.level' },
    { what: 'an e-mail address without @', change: { email: 'zoe.umail.leidenuniv.nl' }, field: 'email', key: 'invalid.email' },
    { what: 'an unknown institution kind', change: { institutionKind: 'college' }, field: 'institutionKind', key: 'invalid.institutionKind' },
  ];

  it.each(invalid)('refuses $what with a sentence next to the field, in English and Dutch, and stores nothing', ({ change, field, key }) => {
    ok('petitions.create', petitionForm({ studentNumber: 's7654321', courseCode: 'OTHER' }));
    const before = dumpRows(t.register);

    const sentences = (['en', 'nl'] as const).map((lang) => {
      const error = refused('petitions.create', { ...petitionForm(), ...change }, lang);
      expect(error).toEqual({ code: 'invalid_input', message: translate(lang, 'error.invalidInput'), fields: { [field]: translate(lang, key) } });
      return error.fields?.[field];
    });
    expect(sentences[0]).not.toBe(sentences[1]);
    expect(dumpRows(t.register)).toEqual(before);
  });

  const accepted: Array<{ what: string; change: Partial<PetitionForm>; stored: Partial<PetitionDetail['course']> }> = [
    { what: 'EC "7,5" as 7.5', change: { ec: '7,5' as unknown as number }, stored: { ec: 7.5 } },
    { what: 'EC " 5 " as 5', change: { ec: ' 5 ' as unknown as number }, stored: { ec: 5 } },
    { what: 'level "400" as 400', change: { level: '400' as unknown as 400 }, stored: { level: 400 } },
    { what: 'level " Advanced " as advanced', change: { level: ' Advanced ' as unknown as 'advanced' }, stored: { level: 'advanced' } },
  ];

  it.each(accepted)('accepts $what', ({ change, stored }) => {
    expect(ok('petitions.create', petitionForm(change)).course).toMatchObject(stored);
  });
});

describe('petitions.update', () => {
  const changes: Array<{ what: string; change: Partial<PetitionForm>; changed: string[]; audited: string[] }> = [
    { what: 'the motivation', change: { motivation: 'Now with the course description attached.' }, changed: ['motivation'], audited: ['petition'] },
    { what: 'the dates', change: { submittedOn: '2025-02-12', courseStartDate: null }, changed: ['courseStartDate', 'submittedOn'], audited: ['petition'] },
    { what: "the course's EC", change: { ec: 6 }, changed: ['ec'], audited: ['course', 'petition'] },
    { what: "the student's e-mail", change: { email: 'zoe@example.org' }, changed: ['email'], audited: ['student', 'petition'] },
    { what: "a typo in the student's own name", change: { givenName: 'Zoe' }, changed: ['givenName'], audited: ['student', 'petition'] },
  ];

  it.each(changes)('changes $what and audits exactly the fields that changed', ({ change, changed, audited }) => {
    const created = ok('petitions.create', petitionForm());
    const from = lastAuditId();

    const updated = ok('petitions.update', { ...petitionForm(change), id: created.id });

    const audit = auditSince(from);
    expect(audit.map((r) => r.entity)).toEqual(audited);
    const row = audit.at(-1)!;
    expect(row).toMatchObject({ action: 'update', entity: 'petition', entity_id: created.id });
    const differing = Object.keys(row.after!).filter((k) => JSON.stringify(row.before![k]) !== JSON.stringify(row.after![k]));
    expect(differing.sort()).toEqual(changed);
    for (const field of changed) expect(row.after![field]).toEqual(change[field as keyof PetitionForm]);
    expect(updated.history.at(-1)?.changed.sort()).toEqual(changed);
    expect(updated.updatedAt > created.updatedAt).toBe(true);
  });

  it('refuses to change a withdrawn petition, naming its status in words', () => {
    const { id } = ok('petitions.create', petitionForm());
    ok('petitions.withdraw', { id });
    const before = dumpRows(t.register);
    const error = refused('petitions.update', { ...petitionForm({ motivation: 'changed' }), id });
    expect(error.code).toBe('not_editable');
    expect(error.message).toContain('Withdrawn');
    expect(dumpRows(t.register)).toEqual(before);
  });

  it('refuses a petition that is not in the register', () => {
    const error = refused('petitions.update', { ...petitionForm(), id: 999 });
    expect(error).toEqual({ code: 'not_found', message: translate('en', 'error.petition.notFound', { id: 999 }) });
    expect(countRows(t.register).petitions).toBe(0);
  });

  it('leaves the institution as stored when it is typed in other case', () => {
    // The part of the bug below that works: nothing is renamed or duplicated.
    const created = ok('petitions.create', petitionForm());
    const updated = ok('petitions.update', { ...petitionForm({ institution: 'utrecht university' }), id: created.id });
    expect(updated.institution).toEqual(created.institution);
  });

  // BUG (electron/services/petitions.ts, updatePetition): the audit row's "after" is the form as
  // typed, not what was stored. Typing "utrecht university" matches the stored "Utrecht University"
  // and changes nothing, yet the audit row (and the petition's history) records the institution
  // as changed. Clearing the country likewise keeps the stored country but audits it as ''.
  it('takes an institution typed in other case as no change, and audits nothing', () => {
    const created = ok('petitions.create', petitionForm());
    const from = lastAuditId();
    const updated = ok('petitions.update', { ...petitionForm({ institution: 'utrecht university' }), id: created.id });
    expect(updated.institution.name).toBe(created.institution.name);
    expect(auditSince(from)).toEqual([]);
  });

  it('takes a cleared country as keeping the known one, and audits nothing', () => {
    const created = ok('petitions.create', petitionForm());
    const from = lastAuditId();
    const updated = ok('petitions.update', { ...petitionForm({ country: '' }), id: created.id });
    expect(updated.institution.country).toBe(created.institution.country);
    expect(auditSince(from)).toEqual([]);
  });

  it('audits what the register holds after a change, not what was typed', () => {
    const created = ok('petitions.create', petitionForm());
    const from = lastAuditId();
    ok('petitions.update', { ...petitionForm({ institution: 'utrecht university', motivation: 'A new reason.' }), id: created.id });
    const [row] = auditSince(from);
    expect(row?.after?.institution).toBe(created.institution.name);
    expect(row?.after?.motivation).toBe('A new reason.');
  });
});

describe('petitions.withdraw', () => {
  it('sets the status to withdrawn and audits the change', () => {
    const { id } = ok('petitions.create', petitionForm());
    const from = lastAuditId();
    const withdrawn = ok('petitions.withdraw', { id });
    expect(withdrawn.status).toBe('withdrawn');
    expect(auditSince(from)).toEqual([
      { action: 'withdraw', entity: 'petition', entity_id: id, actor: 'secretary', before: { status: 'submitted' }, after: { status: 'withdrawn' } },
    ]);
    expect(withdrawn.history.map((h) => [h.action, h.changed])).toEqual([
      ['create', []],
      ['withdraw', ['status']],
    ]);
  });

  it('refuses a second withdrawal with the status in words, and changes nothing', () => {
    const { id } = ok('petitions.create', petitionForm());
    ok('petitions.withdraw', { id });
    const before = dumpRows(t.register);

    const english = refused('petitions.withdraw', { id }, 'en');
    const dutch = refused('petitions.withdraw', { id }, 'nl');
    expect(english.code).toBe('not_withdrawable');
    expect(dutch.code).toBe('not_withdrawable');
    expect(english.message).toContain('Withdrawn');
    expect(dutch.message).toContain('Ingetrokken');
    // The status key or code never shows through.
    for (const message of [english.message, dutch.message]) expect(message).not.toMatch(/status\.|\{\{/);
    expect(dumpRows(t.register)).toEqual(before);
  });
});

describe('dispatch', () => {
  it.each([['petitions.delete'], ['__proto__'], ['constructor'], ['toString'], [42], [null]])('refuses an unknown call %j', (name) => {
    const error = refused(name, {});
    expect(error).toEqual({ code: 'unknown_call', message: translate('en', 'error.unknownCall', { name: String(name) }) });
  });

  it('reads the register back through petitions.list and register.info', () => {
    ok('petitions.create', petitionForm());
    ok('petitions.create', petitionForm({ courseCode: 'INFOMDM', submittedOn: '2025-02-11' }));
    const list = ok<{ total: number; rows: Array<{ courseCode: string; studentName: string }> }>('petitions.list', {});
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => r.courseCode)).toEqual(['INFOMDM', 'INFOMCV']); // newest first
    expect(list.rows[0]?.studentName).toBe('Zoë de Vries');
    expect(ok<{ counts: Record<string, number> }>('register.info', {}).counts).toMatchObject({ petitions: 2, students: 1, auditRows: 7 }) // register, 4 + 2 for the petitions;
  });
});

describe('a fault inside a transaction', () => {
  // A trigger that fails every audit row about a petition: the change is written, then its audit
  // row fails, so only a rollback of the whole transaction keeps register and log in agreement.
  const breakPetitionAudit = () =>
    t.register.sqlite.exec(
      `CREATE TRIGGER audit_down BEFORE INSERT ON audit_log WHEN NEW.entity = 'petition' BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`,
    );

  const calls: Array<{ what: string; call: (id: number) => [string, unknown] }> = [
    { what: 'creating a petition for a new student, institution and course', call: () => ['petitions.create', petitionForm({ studentNumber: 's7654321', institution: 'TU Delft', courseCode: 'CS4010' })] },
    { what: 'updating a petition and its course', call: (id) => ['petitions.update', { ...petitionForm({ ec: 4, motivation: 'changed' }), id }] },
    { what: 'withdrawing a petition', call: (id) => ['petitions.withdraw', { id }] },
  ];

  it.each(calls)('rolls back all of $what and answers with the generic sentence', ({ call }) => {
    const { id } = ok('petitions.create', petitionForm());
    breakPetitionAudit();
    const before = dumpRows(t.register);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const lang of ['en', 'nl'] as const) {
        const [name, input] = call(id);
        expect(refused(name, input, lang)).toEqual({ code: 'internal', message: translate(lang, 'error.internal') });
      }
      // The maintainer's log gets one line naming the fault, without a stack (BOEX_DEBUG is unset).
      expect(log).toHaveBeenCalledTimes(2);
      const line = String(log.mock.calls[0]?.[0]);
      expect(line).toContain('audit log unavailable');
      expect(line).not.toMatch(/\n/);
    } finally {
      log.mockRestore();
    }
    expect(dumpRows(t.register)).toEqual(before);
  });

  it('leaves no petition without its audit row', () => {
    ok('petitions.create', petitionForm());
    breakPetitionAudit();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      refused('petitions.create', petitionForm({ courseCode: 'INFOMDM' }));
    } finally {
      vi.restoreAllMocks();
    }
    const orphans = t.register.sqlite
      .prepare(`SELECT id FROM petitions p WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'petition' AND a.entity_id = p.id AND a.action = 'create')`)
      .all();
    expect(orphans).toEqual([]);
    expect(countRows(t.register)).toMatchObject({ petitions: 1, courses: 1 });
  });

  it('answers "busy" when another program holds the register, and stores nothing', () => {
    const other = new Database(t.file);
    // The app waits 5 s for a lock; the test need not.
    t.register.sqlite.pragma('busy_timeout = 50');
    other.exec('BEGIN IMMEDIATE');
    try {
      for (const lang of ['en', 'nl'] as const) {
        expect(refused('petitions.create', petitionForm(), lang)).toEqual({ code: 'busy', message: translate(lang, 'error.busy') });
      }
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(countRows(t.register)).toMatchObject({ students: 0, petitions: 0 });
  });
});

describe('sentences for a person', () => {
  it('never carry a stack trace or the driver\'s internals, whatever the refusal', () => {
    const { id } = ok('petitions.create', petitionForm());
    ok('petitions.withdraw', { id });
    t.register.sqlite.exec(`CREATE TRIGGER audit_down BEFORE INSERT ON audit_log WHEN NEW.entity = 'course' BEGIN SELECT RAISE(ABORT, 'SqliteError at x.ts:1:1'); END`);
    const failing: Array<[unknown, unknown]> = [
      ['petitions.create', { ...petitionForm(), ec: 'abc', level: 350, submittedOn: 'x', studentNumber: 12 }],
      ['petitions.create', 'not an object'],
      ['petitions.create', petitionForm({ givenName: 'Max' })],
      ['petitions.create', petitionForm({ institutionKind: 'leiden' })],
      ['petitions.create', petitionForm({ courseCode: 'NEW' })], // the trigger: a fault
      ['petitions.withdraw', { id }],
      ['petitions.update', { ...petitionForm(), id }],
      ['petitions.get', { id: 404 }],
      ['petitions.get', { id: -1 }],
      ['petitions.list', { limit: 10_000 }],
      ['no.such.call', {}],
    ];
    vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const codes = failing.flatMap(([name, input]) => (['en', 'nl'] as const).map((lang) => refused(name, input, lang).code));
      expect(new Set(codes)).toEqual(
        new Set(['invalid_input', 'student_conflict', 'institution_conflict', 'internal', 'not_withdrawable', 'not_editable', 'not_found', 'unknown_call']),
      );
    } finally {
      vi.restoreAllMocks();
    }
  });
});

// BUG (electron/services/petitions.ts, institutionFor): institutions are "matched on their name
// regardless of case" with SQLite's lower(), which folds ASCII letters only. "école polytechnique"
// does not find "École Polytechnique", so a second institution is created (the unique index is
// case-sensitive too), and the kind check that guards the rules never runs.
it('matches an institution regardless of case beyond ASCII', () => {
  const first = ok('petitions.create', petitionForm({ institution: 'École Polytechnique', country: 'France' }));
  const second = ok('petitions.create', petitionForm({ institution: 'école polytechnique', courseCode: 'INF551' }));
  expect(second.institution.id).toBe(first.institution.id);
});

describe('a course that other petitions use', () => {
  // Two students petition for the same course; the secretary then corrects the first petition's course facts.
  function twoPetitions() {
    const first = ok('petitions.create', petitionForm());
    const second = ok('petitions.create', petitionForm({ studentNumber: 's7654321', givenName: 'Daan', familyName: 'Bakker', email: 'd.bakker@umail.leidenuniv.nl' }));
    return { first, second };
  }
  const count = (sql: string) => (t.register.sqlite.prepare(sql).get() as { n: number }).n;

  it('tells how many other petitions use the course', () => {
    const { first } = twoPetitions();
    expect(ok('petitions.get', { id: first.id }).course.petitionCount).toBe(1);
    ok('petitions.create', petitionForm({ studentNumber: 's1111111', givenName: 'Eva', familyName: 'Jansen', email: 'e@x.nl' }));
    expect(ok('petitions.get', { id: first.id }).course.petitionCount).toBe(2);
  });

  it('refuses a change of its facts without a choice, naming the count, and stores nothing', () => {
    const { first } = twoPetitions();
    const before = dumpRows(t.register);
    for (const lang of ['en', 'nl'] as const) {
      const error = refused('petitions.update', { ...petitionForm({ ec: 6 }), id: first.id }, lang);
      expect(error.code).toBe('course_shared');
      expect(error.message).toBe(translate(lang, 'error.course.shared', { code: 'INFOMCV', count: 1 }));
      expect(error.fields).toHaveProperty('courseTitle');
    }
    expect(dumpRows(t.register)).toEqual(before);
  });

  it("'all' corrects the course for every petition, with an audit row", () => {
    const { first, second } = twoPetitions();
    const updated = ok('petitions.update', { ...petitionForm({ ec: 6 }), id: first.id, courseChange: 'all' });
    expect(updated.course.id).toBe(first.course.id);
    expect(ok('petitions.get', { id: second.id }).course.ec).toBe(6);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity = 'course' AND action = 'update'`)).toBe(1);
  });

  it("'this' gives the petition its own course coded with the submission year, and leaves the others alone", () => {
    const { first, second } = twoPetitions();
    const updated = ok('petitions.update', { ...petitionForm({ ec: 6 }), id: first.id, courseChange: 'this' });
    expect(updated.course).toMatchObject({ code: 'INFOMCV (2025)', ec: 6, petitionCount: 0 });
    expect(updated.course.id).not.toBe(first.course.id);
    expect(ok('petitions.get', { id: second.id }).course).toMatchObject({ id: first.course.id, code: 'INFOMCV', ec: 7.5 });
    // Saving the same petition again with its new code changes nothing more.
    const again = ok('petitions.update', { ...petitionForm({ ec: 6, courseCode: 'INFOMCV (2025)' }), id: first.id });
    expect(again.course.id).toBe(updated.course.id);
  });

  it("'this' takes the next free code when the year's code is taken by a course with other facts", () => {
    const { first, second } = twoPetitions();
    ok('petitions.update', { ...petitionForm({ ec: 6 }), id: first.id, courseChange: 'this' });
    ok('petitions.create', petitionForm({ studentNumber: 's2222222', givenName: 'Eva', familyName: 'Jansen', email: 'e@x.nl' }));
    const updated = ok('petitions.update', {
      ...petitionForm({ studentNumber: 's7654321', givenName: 'Daan', familyName: 'Bakker', email: 'd.bakker@umail.leidenuniv.nl', ec: 5 }),
      id: second.id,
      courseChange: 'this',
    });
    expect(updated.course.code).toBe('INFOMCV (2025-2)');
  });

  it('needs no choice when no other petition uses the course, or when its facts are unchanged', () => {
    const first = ok('petitions.create', petitionForm());
    expect(ok('petitions.update', { ...petitionForm({ ec: 6 }), id: first.id }).course.ec).toBe(6);
    ok('petitions.create', petitionForm({ studentNumber: 's7654321', givenName: 'Daan', familyName: 'Bakker', email: 'd@x.nl', ec: 6 }));
    expect(ok('petitions.update', { ...petitionForm({ ec: 6, motivation: 'Changed.' }), id: first.id }).motivation).toBe('Changed.');
  });
});
