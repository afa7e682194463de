// BoEx decisions through dispatch, on real register files: numbering (per academic year, or one
// running counter), the refusals (each a sentence in English and Dutch, the register unchanged),
// error findings, general decisions and citing them, corrections, the decision settings, and the
// faults: a crash inside the transaction and a register kept busy by another program.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { longDate } from '../../electron/services/petition-facts';
import { openRegister } from '../../db/register';
import { translate } from '../../shared/i18n';
import {
  auditSince,
  call,
  countBoard,
  decisionForm,
  dumpBoard,
  itemOf,
  lastAuditId,
  newPetition,
  ok,
  onBoexAgenda,
  refused,
  refusedWith,
  statusOf,
  type Detail,
} from '../support/meetings';
import { cleanUp, openTestRegister, projectRoot, track, type PetitionForm, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

/** Petitions submitted early in the academic year 2024-2025, so that decisions may be dated from the summer of 2024 on. */
const early: Partial<PetitionForm> = { submittedOn: '2024-08-01', courseStartDate: '2024-10-01' };
const earlyMeetings = { mtOn: '2024-08-10', boexOn: '2024-08-20' };

function boexWith(count: number, change: Partial<PetitionForm> = {}): { boex: Detail; ids: number[] } {
  const ids = Array.from({ length: count }, () => newPetition(t, { ...early, ...change }));
  return { boex: onBoexAgenda(t, ids.map((id) => ({ id })), earlyMeetings), ids };
}

const decide = (boex: Detail, petitionId: number, change: Parameters<typeof decisionForm>[1] = {}) =>
  ok(t, 'decisions.record', decisionForm(itemOf(boex, petitionId).id, change));

const nameOf = (petitionId: number) => {
  const p = ok(t, 'petitions.get', { id: petitionId });
  return { student: `${p.student.givenName} ${p.student.familyName} (${p.student.studentNumber})`, course: `${p.course.code} ${p.course.title}` };
};

describe('decision numbers', () => {
  it('count from 1 within each academic year of the decision date', () => {
    const { boex, ids } = boexWith(4);
    const numbers = [
      decide(boex, ids[0]!, { decidedOn: '2024-08-30' }),
      decide(boex, ids[1]!, { decidedOn: '2024-08-31' }),
      decide(boex, ids[2]!, { decidedOn: '2024-09-01' }),
      decide(boex, ids[3]!, { decidedOn: '2025-02-27' }),
    ].map((d) => d.number);
    expect(numbers).toEqual(['23-24 LIACS 1', '23-24 LIACS 2', '24-25 LIACS 1', '24-25 LIACS 2']);
    expect(t.register.sqlite.prepare('SELECT series, seq FROM decisions ORDER BY id').all()).toEqual([
      { series: 'ay:2023', seq: 1 },
      { series: 'ay:2023', seq: 2 },
      { series: 'ay:2024', seq: 1 },
      { series: 'ay:2024', seq: 2 },
    ]);
  });

  it('run on one counter across the years with the older template Besluit {n}', () => {
    ok(t, 'settings.updateDecisions', { decisionNumberTemplate: 'Besluit {n}', signatories: [] });
    const { boex, ids } = boexWith(3);
    const numbers = [
      decide(boex, ids[0]!, { decidedOn: '2024-08-31' }),
      decide(boex, ids[1]!, { decidedOn: '2024-09-01' }),
      decide(boex, ids[2]!, { decidedOn: '2025-01-15' }),
    ].map((d) => d.number);
    expect(numbers).toEqual(['Besluit 1', 'Besluit 2', 'Besluit 3']);
  });

  it('continue the year\'s counter when the template\'s wording changes', () => {
    const { boex, ids } = boexWith(2);
    expect(decide(boex, ids[0]!).number).toBe('24-25 LIACS 1');
    ok(t, 'settings.updateDecisions', { decisionNumberTemplate: '{ay} BoEx {seq}', signatories: [] });
    expect(decide(boex, ids[1]!).number).toBe('24-25 BoEx 2');
  });

  /** A decision as an import keeps it: its number as written, without series or counter. */
  function imported(number: string, decidedOn: string, series: string | null = null, seq: number | null = null) {
    const course = t.register.sqlite.prepare('SELECT id FROM courses LIMIT 1').get() as { id: number };
    t.register.sqlite
      .prepare(
        `INSERT INTO decisions (number, series, seq, kind, outcome, course_id, credited_ec, level, institution_name, reasoning, decided_on, signatory, created_at, created_by)
         VALUES (?, ?, ?, 'general', 'approved', ?, 5, 'master', 'Elsewhere', 'Imported.', ?, 'Someone', '2020-01-10T00:00:00Z', 'import')`,
      )
      .run(number, series, seq, course.id, decidedOn);
  }

  it('continue after imported numbers of the same form', () => {
    const { boex, ids } = boexWith(3);
    imported('Besluit 1642', '2023-06-01');
    imported('22-23 LIACS 129', '2023-06-02');
    imported('24-25 LIACS 40', '2024-09-20');
    imported('24-25 LIACS 7', '2024-09-10');
    expect(decide(boex, ids[0]!).number).toBe('24-25 LIACS 41');
    ok(t, 'settings.updateDecisions', { decisionNumberTemplate: 'Besluit {n}', signatories: [] });
    expect(decide(boex, ids[1]!).number).toBe('Besluit 1643');
    expect(decide(boex, ids[2]!).number).toBe('Besluit 1644');
  });

  it('refuse a number the register already holds under another counter, and store nothing', () => {
    const { boex, ids } = boexWith(1);
    ok(t, 'settings.updateDecisions', { decisionNumberTemplate: 'Besluit {n}', signatories: [] });
    imported('Besluit 1', '2020-01-10', 'legacy', 1);
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id), 'number_taken', 'decision.error.numberTaken', { number: 'Besluit 1' });
  });
});

describe('decision settings', () => {
  it('default to {ay} LIACS {seq} and no signatories, and store a change with an audit row', () => {
    expect(ok(t, 'settings.decisions', {})).toEqual({ decisionNumberTemplate: '{ay} LIACS {seq}', signatories: [] });
    const from = lastAuditId(t);
    const wanted = { decisionNumberTemplate: 'Besluit {n}', signatories: [{ name: 'Dr. A. Chair', role: 'Chair' }] };
    expect(ok(t, 'settings.updateDecisions', wanted)).toEqual(wanted);
    expect(ok(t, 'settings.decisions', {})).toEqual(wanted);
    expect(auditSince(t, from)).toMatchObject([
      { action: 'update', entity: 'settings', before: { key: 'decisions', decisionNumberTemplate: '{ay} LIACS {seq}' }, after: { key: 'decisions', ...wanted } },
    ]);
  });

  it('refuse a template without {seq}, and one with an unknown placeholder, next to the field', () => {
    refusedWith(t, 'settings.updateDecisions', { decisionNumberTemplate: '{ay} LIACS', signatories: [] }, 'invalid_template', 'decision.error.templateNoSeq');
    const errors = refused(t, 'settings.updateDecisions', { decisionNumberTemplate: '{ay} LIACS {nr}', signatories: [] });
    expect(errors.en.message).toBe(translate('en', 'decision.error.templateUnknown', { placeholder: '{nr}' }));
    expect(errors.nl.fields?.decisionNumberTemplate).toBe(translate('nl', 'decision.error.templateUnknown', { placeholder: '{nr}' }));
    expect(errors.en.message).toContain('{ay}');
  });
});

describe('refusals: a sentence in English and Dutch, and nothing changed', () => {
  it('refuses deciding an item of an MT Board meeting', () => {
    const p = newPetition(t);
    const mt = ok(t, 'meetings.create', { body: 'mt_board', heldOn: '2025-02-20', cutoffOn: null, location: '' });
    const detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    refusedWith(t, 'decisions.record', decisionForm(itemOf(detail, p).id), 'not_boex', 'decision.error.notBoex', nameOf(p));
  });

  it('refuses deciding, in a batch, an item that is not on the meeting\'s agenda', () => {
    const { boex, ids } = boexWith(1);
    const other = newPetition(t, early);
    const second = onBoexAgenda(t, [{ id: other }], { mtOn: '2024-08-11', boexOn: '2024-08-21' });
    refusedWith(
      t,
      'decisions.recordBatch',
      { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair', overrides: [{ agendaItemId: itemOf(second, other).id, outcome: 'approved' }] },
      'not_on_agenda',
      'decision.error.notOnAgenda',
      { ...nameOf(other), date: longDate('2024-08-20') },
    );
    expect(statusOf(t, ids[0]!)).toBe('in_progress');
  });

  it('refuses deciding an item taken off the agenda', () => {
    const { boex, ids } = boexWith(1);
    ok(t, 'agenda.remove', { meetingId: boex.meeting.id, petitionId: ids[0]! });
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id), 'not_found', 'agenda.error.itemNotFound');
  });

  it('refuses a batch for an MT Board meeting', () => {
    const mt = ok(t, 'meetings.create', { body: 'mt_board', heldOn: '2025-02-20', cutoffOn: null, location: '' });
    refusedWith(t, 'decisions.recordBatch', { meetingId: mt.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' }, 'not_boex', 'decision.error.notBoexMeeting', {
      date: longDate('2025-02-20'),
    });
  });

  it('refuses deciding a petition twice', () => {
    const { boex, ids } = boexWith(1);
    decide(boex, ids[0]!);
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id, { outcome: 'rejected' }), 'already_decided', 'decision.error.alreadyDecided', {
      ...nameOf(ids[0]!),
      number: '24-25 LIACS 1',
    });
  });

  it('refuses approving a petition with an error finding, naming the findings; a rejection is possible', () => {
    const { boex, ids } = boexWith(1, { honours: true });
    const errors = itemOf(boex, ids[0]!).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toEqual(['honours']);
    const refusal = refused(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id));
    for (const lang of ['en', 'nl'] as const) {
      expect(refusal[lang].code).toBe('error_findings');
      expect(refusal[lang].message).toBe(translate(lang, 'decision.error.errorFindings', { ...nameOf(ids[0]!), findings: errors[0]!.message }));
      expect(refusal[lang].message).toContain(errors[0]!.message[lang]);
    }
    expect(decide(boex, ids[0]!, { outcome: 'rejected', reasoning: 'An honours course cannot be an elective.' })).toMatchObject({ number: '24-25 LIACS 1', outcome: 'rejected' });
    expect(statusOf(t, ids[0]!)).toBe('rejected');
  });

  it('refuses a whole batch when one item cannot be approved, naming that item, and stores none', () => {
    const good = newPetition(t, early);
    const honours = newPetition(t, { ...early, givenName: 'Αλέξανδρος', familyName: 'Παπαδόπουλος', courseCode: 'HON1', courseTitle: 'Honours Class', honours: true });
    const boex = onBoexAgenda(t, [{ id: good }, { id: honours }], earlyMeetings);
    const input = { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' };
    const errors = refused(t, 'decisions.recordBatch', input);
    expect(errors.en.code).toBe('error_findings');
    expect(errors.en.message).toMatch(/^Nothing was decided\. Item 2, the petition of Αλέξανδρος Παπαδόπουλος \(s\d{7}\) for HON1 Honours Class: /);
    expect(errors.nl.message).toMatch(/^Er is niets besloten\. Punt 2, het verzoek van Αλέξανδρος Παπαδόπουλος/);
    expect(errors.nl.message).toContain(itemOf(boex, honours).findings[0]!.message.nl);
    // With an override that rejects it, the batch goes through.
    const decided = ok(t, 'decisions.recordBatch', { ...input, overrides: [{ agendaItemId: itemOf(boex, honours).id, outcome: 'rejected', reasoning: 'Honours course.' }] });
    expect(decided.map((d) => [d.petitionId, d.outcome, d.number, d.reasoning])).toEqual([
      [good, 'approved', '24-25 LIACS 1', 'The course fits the programme.'],
      [honours, 'rejected', '24-25 LIACS 2', 'Honours course.'],
    ]);
  });

  it('refuses a batch whose approvals together exceed a cap, naming the item that exceeds it', () => {
    // One student, two introductory courses of 2 EC each: the second approval would make 4 EC of the 3 allowed.
    const student = { studentNumber: 's7000001', givenName: 'Дмитрий', familyName: 'Иванов', email: 'd.ivanov@umail.leidenuniv.nl', level: 100 as const, ec: 2, institution: 'Leiden University', institutionKind: 'leiden' as const };
    const first = newPetition(t, { ...early, ...student, courseCode: 'INTRO1', courseTitle: 'Intro One' });
    const second = newPetition(t, { ...early, ...student, courseCode: 'INTRO2', courseTitle: 'Intro Two' });
    const boex = onBoexAgenda(t, [{ id: first }, { id: second }], earlyMeetings);
    const errors = refused(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' });
    expect(errors.en.message).toContain('Item 2, the petition of Дмитрий Иванов (s7000001) for INTRO2 Intro Two');
    // Approved one by one, the first stands and the second is refused for the cap.
    decide(boex, first, { creditedEc: 2, level: 100, institutionName: 'Leiden University' });
    const single = refused(t, 'decisions.record', decisionForm(itemOf(boex, second).id, { creditedEc: 2, level: 100, institutionName: 'Leiden University' }));
    expect(single.en.code).toBe('error_findings');
  });

  it('refuses more credited EC than the course\'s EC rounded down, next to the field', () => {
    const { boex, ids } = boexWith(1);
    const errors = refused(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id, { creditedEc: 8 }));
    expect(errors.en.message).toBe(translate('en', 'decision.error.ecTooHigh', { creditedEc: 8, max: 7 }));
    expect(errors.nl.fields?.creditedEc).toBe(translate('nl', 'decision.error.ecTooHigh', { creditedEc: 8, max: 7 }));
    expect(refused(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id, { creditedEc: -1 })).en.code).toBe('invalid_input');
  });

  it('refuses a decision date after today', () => {
    const { boex, ids } = boexWith(1);
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id, { decidedOn: '2025-03-02' }), 'decision_date_future', 'decision.error.dateFuture', {
      date: longDate('2025-03-02'),
      today: longDate('2025-03-01'),
    });
  });

  it('refuses a decision date in a closed academic year', () => {
    const { boex, ids } = boexWith(2);
    decide(boex, ids[0]!, { decidedOn: '2024-09-02' });
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, ids[1]!).id, { decidedOn: '2024-08-30' }), 'decision_year_closed', 'decision.error.yearClosed', {
      date: longDate('2024-08-30'),
      year: '23-24',
      latest: '24-25',
    });
    expect(decide(boex, ids[1]!, { decidedOn: '2024-09-01' }).number).toBe('24-25 LIACS 2');
  });

  it('refuses deciding a withdrawn petition', () => {
    const { boex, ids } = boexWith(1);
    ok(t, 'petitions.withdraw', { id: ids[0]! });
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id), 'petition_status', 'decision.error.petitionStatus', {
      ...nameOf(ids[0]!),
      status: { key: 'status.withdrawn' },
    });
    // A batch passes it by.
    expect(ok(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' })).toEqual([]);
  });

  it('refuses deciding at a closed meeting', () => {
    const { boex, ids } = boexWith(1);
    ok(t, 'meetings.update', { id: boex.meeting.id, heldOn: boex.meeting.heldOn, cutoffOn: null, location: '', status: 'closed' });
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, ids[0]!).id), 'meeting_closed', 'meeting.error.closed', { date: longDate(boex.meeting.heldOn) });
    // Its undecided petition is a candidate for the next BoEx meeting.
    const next = ok(t, 'meetings.create', { body: 'boex', heldOn: '2024-09-20', cutoffOn: null, location: '' });
    expect(ok(t, 'meetings.candidates', { meetingId: next.id }).map((p) => p.id)).toEqual(ids);
  });

  it('refuses an invalid outcome or date with a sentence next to the field', () => {
    const { boex, ids } = boexWith(1);
    const errors = refused(t, 'decisions.record', { ...decisionForm(itemOf(boex, ids[0]!).id), outcome: 'maybe', decidedOn: '2025-02-30' } as never);
    expect(errors.en.fields).toEqual({ outcome: translate('en', 'invalid.value'), decidedOn: translate('en', 'invalid.date') });
  });
});

describe('corrections', () => {
  it('refuses correcting a decision twice, and turning a general decision into an individual one', () => {
    const { boex, ids } = boexWith(1);
    const first = decide(boex, ids[0]!);
    const { agendaItemId: _, ...fields } = decisionForm(0);
    ok(t, 'decisions.correct', { ...fields, replacesId: first.id, reasoning: 'Corrected.' });
    refusedWith(t, 'decisions.correct', { ...fields, replacesId: first.id }, 'already_replaced', 'decision.error.alreadyReplaced', { number: '24-25 LIACS 1', by: '24-25 LIACS 2' });
    const general = ok(t, 'decisions.recordGeneral', { ...fields, courseId: first.courseId });
    refusedWith(t, 'decisions.correct', { ...fields, replacesId: general.id }, 'general_stays_general', 'decision.error.generalStaysGeneral', { number: general.number });
    refusedWith(t, 'decisions.correct', { ...fields, replacesId: 999 }, 'not_found', 'decision.error.notFound', { id: 999 });
  });

  it('turns an approval into a rejection and back, moving the status with it, and keeps every decision visible', () => {
    const { boex, ids } = boexWith(1);
    const first = decide(boex, ids[0]!);
    const { agendaItemId: _, ...fields } = decisionForm(0);
    const from = lastAuditId(t);
    const rejected = ok(t, 'decisions.correct', { ...fields, outcome: 'rejected', replacesId: first.id, reasoning: 'The course turned out to be at bachelor level.' });
    expect(statusOf(t, ids[0]!)).toBe('rejected');
    expect(auditSince(t, from)).toMatchObject([
      { action: 'create', entity: 'decision', after: { number: '24-25 LIACS 2', replacesId: first.id, outcome: 'rejected' } },
      { action: 'correct', entity: 'petition', before: { status: 'in_progress' }, after: { status: 'rejected', decisionNumber: '24-25 LIACS 2' } },
    ]);
    ok(t, 'decisions.correct', { ...fields, replacesId: rejected.id, reasoning: 'On appeal.' });
    expect(statusOf(t, ids[0]!)).toBe('in_progress');
    expect(ok(t, 'decisions.ofPetition', { petitionId: ids[0]! }).map((d) => [d.number, d.replacesNumber, d.replacedByNumber])).toEqual([
      ['24-25 LIACS 1', null, '24-25 LIACS 2'],
      ['24-25 LIACS 2', '24-25 LIACS 1', '24-25 LIACS 3'],
      ['24-25 LIACS 3', '24-25 LIACS 2', null],
    ]);
  });

  it('corrects a decision whose letter has been issued only by a new decision; the old one is unchanged', () => {
    const { boex, ids } = boexWith(1);
    const first = decide(boex, ids[0]!);
    t.register.sqlite.prepare("UPDATE decisions SET letter_issued_at = '2025-02-28T10:00:00Z', letter_sha256 = 'abc' WHERE id = ?").run(first.id);
    const before = t.register.sqlite.prepare('SELECT * FROM decisions WHERE id = ?').get(first.id);
    const { agendaItemId: _, ...fields } = decisionForm(0);
    const correction = ok(t, 'decisions.correct', { ...fields, creditedEc: 6, replacesId: first.id });
    expect(correction).toMatchObject({ number: '24-25 LIACS 2', creditedEc: 6, replacesNumber: '24-25 LIACS 1', letterIssuedAt: null });
    expect(t.register.sqlite.prepare('SELECT * FROM decisions WHERE id = ?').get(first.id)).toEqual(before);
  });
});

describe('general decisions', () => {
  it('are shown with the items of their course, and a decision citing one approves despite an error finding', () => {
    // An HBO course without the signed form: an error finding that blocks an approval.
    const hbo = { institution: 'Hogeschool Rotterdam', institutionKind: 'applied_sciences' as const, courseCode: 'CMD-IXD', courseTitle: 'Interaction Design', ec: 5, level: 'master' as const };
    const p = newPetition(t, { ...early, ...hbo });
    const boex = onBoexAgenda(t, [{ id: p }], earlyMeetings);
    const courseId = ok(t, 'petitions.get', { id: p }).course.id;
    const from = lastAuditId(t);
    const general = ok(t, 'decisions.recordGeneral', {
      courseId,
      meetingId: boex.meeting.id,
      outcome: 'approved',
      creditedEc: 5,
      level: 'master',
      institutionName: 'Hogeschool Rotterdam',
      reasoning: 'Interaction Design at Hogeschool Rotterdam is approved as an elective for every student.',
      decidedOn: '2025-02-20',
      signatory: 'Dr. A. Chair',
    });
    expect(general).toMatchObject({ number: '24-25 LIACS 1', kind: 'general', petitionId: null, courseId, courseCode: 'CMD-IXD', meetingId: boex.meeting.id });
    expect(auditSince(t, from).map((r) => [r.action, r.entity])).toEqual([['create', 'decision']]);

    const item = itemOf(ok(t, 'meetings.get', { id: boex.meeting.id }), p);
    expect(item.generalDecisions.map((d) => d.number)).toEqual(['24-25 LIACS 1']);
    expect(item.findings.map((f) => f.rule)).toContain('hbo.form');
    expect(refused(t, 'decisions.record', decisionForm(item.id, { creditedEc: 5 })).en.code).toBe('error_findings');

    const decided = decide(boex, p, { creditedEc: 5, institutionName: 'Hogeschool Rotterdam', citesDecisionId: general.id, reasoning: 'As the general decision says.' });
    expect(decided).toMatchObject({ number: '24-25 LIACS 2', outcome: 'approved', citesNumber: '24-25 LIACS 1' });
    expect(decided.reasoning).toBe('As the general decision says.\nDecided under general decision 24-25 LIACS 1.');
    expect(ok(t, 'decisions.ofPetition', { petitionId: p })[0]?.citesNumber).toBe('24-25 LIACS 1');
  });

  it('refuses citing a decision that is not a standing general decision for the course, or has the other outcome', () => {
    const { boex, ids } = boexWith(2);
    const [a, b] = ids as [number, number];
    const individual = decide(boex, a);
    const otherCourse = ok(t, 'petitions.get', { id: a }).course.id;
    const { agendaItemId: _, ...fields } = decisionForm(0);
    const course = ok(t, 'petitions.get', { id: b }).course;
    const words = { course: `${course.code} ${course.title}` };
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, b).id, { citesDecisionId: individual.id }), 'cite_invalid', 'decision.error.citeInvalid', words);
    const elsewhere = ok(t, 'decisions.recordGeneral', { ...fields, courseId: otherCourse });
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, b).id, { citesDecisionId: elsewhere.id }), 'cite_invalid', 'decision.error.citeInvalid', words);
    const rejectedGeneral = ok(t, 'decisions.recordGeneral', { ...fields, outcome: 'rejected', courseId: course.id });
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, b).id, { citesDecisionId: rejectedGeneral.id }), 'cite_outcome', 'decision.error.citeOutcome', {
      number: rejectedGeneral.number,
    });
    const corrected = ok(t, 'decisions.correct', { ...fields, kind: 'general', outcome: 'approved', replacesId: rejectedGeneral.id });
    refusedWith(t, 'decisions.record', decisionForm(itemOf(boex, b).id, { citesDecisionId: rejectedGeneral.id }), 'cite_replaced', 'decision.error.citeReplaced', {
      number: rejectedGeneral.number,
      by: corrected.number,
    });
    // Only the standing general decision is shown with the item.
    expect(itemOf(ok(t, 'meetings.get', { id: boex.meeting.id }), b).generalDecisions.map((d) => d.number)).toEqual([corrected.number]);
  });

  it('refuses a general decision for an unknown course', () => {
    const { agendaItemId: _, ...fields } = decisionForm(0);
    refusedWith(t, 'decisions.recordGeneral', { ...fields, courseId: 999 }, 'not_found', 'decision.error.courseNotFound', { id: 999 });
  });
});

describe('faults', () => {
  /** Numbers and audit rows as they stand; a failed decision must leave both exactly as they were. */
  const state = () => ({ board: dumpBoard(t.register), counts: countBoard(t.register) });

  it('leaves neither number nor decision when storing fails inside the transaction, and the next decision takes the next number', () => {
    const { boex, ids } = boexWith(4);
    decide(boex, ids[0]!);
    const crashes = [
      // the decision row itself
      `CREATE TRIGGER crash BEFORE INSERT ON decisions BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`,
      // its audit row, after the decision row (and its number) were written
      `CREATE TRIGGER crash BEFORE INSERT ON audit_log WHEN NEW.entity = 'decision' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`,
      // the very last step: the petition's audit row, after the status moved
      `CREATE TRIGGER crash AFTER INSERT ON audit_log WHEN NEW.entity = 'petition' AND NEW.action = 'decide' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`,
    ];
    for (const trigger of crashes) {
      t.register.sqlite.exec(trigger);
      const before = state();
      for (const lang of ['en', 'nl'] as const) {
        const result = call(t, 'decisions.record', decisionForm(itemOf(boex, ids[1]!).id), lang);
        expect(result).toEqual({ ok: false, error: { code: 'internal', message: translate(lang, 'error.internal') } });
      }
      // A batch fails whole too.
      expect(call(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' }).ok).toBe(false);
      expect(state()).toEqual(before);
      t.register.sqlite.exec('DROP TRIGGER crash');
    }
    expect(decide(boex, ids[1]!).number).toBe('24-25 LIACS 2');
    expect(ok(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' }).map((d) => d.number)).toEqual([
      '24-25 LIACS 3',
      '24-25 LIACS 4',
    ]);
    expect(t.register.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leaves neither number nor decision when the process dies inside the transaction', () => {
    const { boex, ids } = boexWith(2);
    decide(boex, ids[0]!);
    const before = state();
    const item = itemOf(boex, ids[1]!).id;
    t.register.close();
    // The process exits (no rollback, no cleanup) right after the decision row is inserted.
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/support/crash-decision-process.ts'), t.file, String(item)], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stdout).toBe('deciding\n');
    expect(child.signal).toBe('SIGKILL');
    const reopened = track(openRegister(t.file, { now: t.ctx.now }));
    t = { ...t, register: reopened, ctx: { ...t.ctx, register: reopened } };
    expect(state()).toEqual(before);
    expect(decide(boex, ids[1]!).number).toBe('24-25 LIACS 2');
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leaves none of a batch when the process dies in the middle of it', () => {
    const { boex, ids } = boexWith(5);
    const before = state();
    t.register.close();
    // The process is killed as the third of the five decisions is inserted.
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'test/support/crash-decision-process.ts'), t.file, 'batch', String(boex.meeting.id), '3'],
      { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stdout).toBe('deciding\n');
    expect(child.signal).toBe('SIGKILL');
    const reopened = track(openRegister(t.file, { now: t.ctx.now }));
    t = { ...t, register: reopened, ctx: { ...t.ctx, register: reopened } };
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(state()).toEqual(before);
    // The whole batch can be recorded afterwards, numbered from 1 without a gap.
    expect(ok(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' }).map((d) => d.number)).toEqual(
      ids.map((_, i) => `24-25 LIACS ${i + 1}`),
    );
  });

  it('says the register is busy when another program holds it past the timeout, and changes nothing', () => {
    const { boex, ids } = boexWith(2);
    decide(boex, ids[0]!);
    const other = new Database(t.file);
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      t.register.sqlite.pragma('busy_timeout = 100');
      const errors = refused(t, 'decisions.record', decisionForm(itemOf(boex, ids[1]!).id));
      for (const lang of ['en', 'nl'] as const) expect(errors[lang]).toEqual({ code: 'busy', message: translate(lang, 'error.busy') });
      expect(call(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' }).ok).toBe(false);
      other.prepare('ROLLBACK').run();
    } finally {
      other.close();
      t.register.sqlite.pragma('busy_timeout = 5000');
    }
    expect(decide(boex, ids[1]!).number).toBe('24-25 LIACS 2');
  });
});
