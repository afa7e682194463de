// Meetings, agendas and the MT Board's advice through dispatch, on real register files: the whole
// flow from an MT Board meeting to numbered BoEx decisions, the statuses after each step, the audit
// rows written with each, and every refusal in English and Dutch with the register unchanged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { academicYear } from '../../shared/rules';
import {
  auditSince,
  decisionForm,
  itemOf,
  lastAuditId,
  newPetition,
  ok,
  onBoexAgenda,
  refused,
  refusedWith,
  statusOf,
} from '../support/meetings';
import { cleanUp, openTestRegister, type TestRegister } from '../support/register';
import { longDate } from '../../electron/services/petition-facts';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

const mtMeeting = (heldOn = '2025-02-20', cutoffOn: string | null = '2025-02-15') =>
  ok(t, 'meetings.create', { body: 'mt_board', heldOn, cutoffOn, location: 'Snellius 401' });

describe('the whole flow', () => {
  it('goes from an MT Board agenda of three, through advice, to a batch of numbered BoEx decisions and a correction', () => {
    const zoe = newPetition(t, { givenName: 'Zoë', familyName: 'de Vries', submittedOn: '2025-02-10' });
    const lukasz = newPetition(t, { givenName: 'Łukasz', familyName: 'Nowak', level: 300, institution: 'Leiden University', institutionKind: 'leiden', ec: 5, submittedOn: '2025-02-11' });
    const nguyen = newPetition(t, { givenName: 'Nguyễn', familyName: 'Thị Lan', submittedOn: '2025-02-12' });
    const late = newPetition(t, { submittedOn: '2025-02-18' });

    // The MT Board meeting and its candidates: submitted by the cut-off.
    const mt = mtMeeting();
    expect(mt).toMatchObject({ body: 'mt_board', status: 'planned', itemCount: 0, doneCount: 0, cutoffOn: '2025-02-15' });
    expect(ok(t, 'meetings.candidates', { meetingId: mt.id }).map((p) => p.id)).toEqual([zoe, lukasz, nguyen]);

    // An agenda of three, in the order added; each petition is now in progress.
    let from = lastAuditId(t);
    let detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [zoe, lukasz, nguyen] });
    expect(detail.items.map((i) => [i.position, i.petition.id])).toEqual([
      [1, zoe],
      [2, lukasz],
      [3, nguyen],
    ]);
    expect([zoe, lukasz, nguyen].map((id) => statusOf(t, id))).toEqual(['in_progress', 'in_progress', 'in_progress']);
    expect(auditSince(t, from).map((r) => [r.action, r.entity])).toEqual([
      ['create', 'agenda_item'],
      ['schedule', 'petition'],
      ['create', 'agenda_item'],
      ['schedule', 'petition'],
      ['create', 'agenda_item'],
      ['schedule', 'petition'],
    ]);
    expect(auditSince(t, from)[1]).toMatchObject({ entityId: zoe, before: { status: 'submitted' }, after: { status: 'in_progress', meetingId: mt.id } });
    // The items carry what the board needs to see: facts, findings (level 300 warns) and motivation.
    expect(itemOf(detail, lukasz)).toMatchObject({
      petition: { studentName: 'Łukasz Nowak', level: 300, status: 'in_progress', motivation: expect.any(String) },
      advice: null,
      decision: null,
      generalDecisions: [],
    });
    expect(itemOf(detail, lukasz).findings.map((f) => f.rule)).toContain('level.advanced');
    expect(ok(t, 'meetings.candidates', { meetingId: mt.id })).toEqual([]);

    // Reordered: the full new order, positions 1..n saved.
    from = lastAuditId(t);
    detail = ok(t, 'agenda.reorder', { meetingId: mt.id, petitionIds: [nguyen, zoe, lukasz] });
    expect(detail.items.map((i) => [i.position, i.petition.id])).toEqual([
      [1, nguyen],
      [2, zoe],
      [3, lukasz],
    ]);
    expect(auditSince(t, from)).toMatchObject([{ action: 'reorder', entity: 'meeting', entityId: mt.id, before: { order: [zoe, lukasz, nguyen] }, after: { order: [nguyen, zoe, lukasz] } }]);
    expect(ok(t, 'meetings.get', { id: mt.id }).items.map((i) => i.petition.id)).toEqual([nguyen, zoe, lukasz]);

    // Advice: support and not support keep the petition in progress; defer returns it to submitted.
    from = lastAuditId(t);
    detail = ok(t, 'advice.record', { agendaItemId: itemOf(detail, zoe).id, advice: 'support', reasoning: 'A master-level course that fits the thesis.' });
    expect(statusOf(t, zoe)).toBe('in_progress');
    expect(auditSince(t, from)).toMatchObject([
      { action: 'create', entity: 'advice', after: { advice: 'support', petitionId: zoe, meetingId: mt.id } },
      { action: 'advise', entity: 'petition', entityId: zoe, before: { status: 'in_progress' }, after: { status: 'in_progress', advice: 'support' } },
    ]);
    detail = ok(t, 'advice.record', { agendaItemId: itemOf(detail, lukasz).id, advice: 'not_support', reasoning: 'Level 300 does not add to a master programme.' });
    expect(statusOf(t, lukasz)).toBe('in_progress');
    from = lastAuditId(t);
    detail = ok(t, 'advice.record', { agendaItemId: itemOf(detail, nguyen).id, advice: 'defer', reasoning: 'The course description is missing.' });
    expect(statusOf(t, nguyen)).toBe('submitted');
    expect(auditSince(t, from)[1]).toMatchObject({ action: 'advise', before: { status: 'in_progress' }, after: { status: 'submitted', advice: 'defer' } });
    expect(itemOf(detail, zoe).advice).toMatchObject({ advice: 'support', meetingId: mt.id, recordedBy: 'secretary' });
    expect(detail.meeting).toMatchObject({ itemCount: 3, doneCount: 3 });

    // The deferred petition is a candidate for the next MT Board meeting; the advised ones for the BoEx.
    const nextMt = mtMeeting('2025-03-20', null);
    expect(ok(t, 'meetings.candidates', { meetingId: nextMt.id }).map((p) => p.id)).toEqual([nguyen, late]);
    const boex = ok(t, 'meetings.create', { body: 'boex', heldOn: '2025-02-27', cutoffOn: null, location: 'Gorlaeus' });
    expect(ok(t, 'meetings.candidates', { meetingId: boex.id }).map((p) => p.id)).toEqual([zoe, lukasz]);
    detail = ok(t, 'agenda.add', { meetingId: boex.id, petitionIds: [zoe, lukasz] });
    expect(itemOf(detail, zoe).advice).toMatchObject({ advice: 'support', reasoning: 'A master-level course that fits the thesis.', meetingId: mt.id });
    expect(itemOf(detail, lukasz).advice).toMatchObject({ advice: 'not_support', meetingId: mt.id });
    expect(ok(t, 'meetings.candidates', { meetingId: boex.id })).toEqual([]);

    // Batch: the supported item approved, the not-supported one rejected by an override.
    from = lastAuditId(t);
    const decided = ok(t, 'decisions.recordBatch', {
      meetingId: boex.id,
      decidedOn: '2025-02-27',
      signatory: 'Dr. A. Chair',
      overrides: [{ agendaItemId: itemOf(detail, lukasz).id, outcome: 'rejected' }],
    });
    const ay = academicYear('2025-02-27').label;
    expect(ay).toBe('24-25');
    expect(decided.map((d) => [d.number, d.petitionId, d.outcome])).toEqual([
      [`${ay} LIACS 1`, zoe, 'approved'],
      [`${ay} LIACS 2`, lukasz, 'rejected'],
    ]);
    expect(decided[0]).toMatchObject({
      kind: 'individual',
      creditedEc: 7,
      level: 'master',
      institutionName: 'Utrecht University',
      reasoning: 'A master-level course that fits the thesis.',
      meetingId: boex.id,
      replacesId: null,
      replacedByNumber: null,
      citesNumber: null,
      letterIssuedAt: null,
    });
    // The rejection's reasoning is the advice's, with the warning the board saw.
    expect(decided[1]?.reasoning.split('\n')[0]).toBe('Level 300 does not add to a master programme.');
    expect(decided[1]?.reasoning.split('\n').length).toBeGreaterThan(1);
    expect(statusOf(t, zoe)).toBe('in_progress');
    expect(statusOf(t, lukasz)).toBe('rejected');
    expect(auditSince(t, from).map((r) => [r.action, r.entity])).toEqual([
      ['create', 'decision'],
      ['decide', 'petition'],
      ['create', 'decision'],
      ['decide', 'petition'],
    ]);
    expect(ok(t, 'meetings.get', { id: boex.id }).meeting).toMatchObject({ itemCount: 2, doneCount: 2 });
    // The decision numbers are searchable in the register.
    expect(ok(t, 'petitions.list', { search: 'LIACS' }).rows.map((r) => r.id).sort()).toEqual([zoe, lukasz].sort());

    // A correction: a new number that names the one it replaces; both stay visible.
    const first = decided[0]!;
    const correction = ok(t, 'decisions.correct', {
      replacesId: first.id,
      outcome: 'approved',
      kind: 'individual',
      creditedEc: 7,
      level: 'master',
      institutionName: 'Utrecht University',
      reasoning: 'A master-level course that fits the thesis. (Corrected signatory.)',
      decidedOn: '2025-03-01',
      signatory: 'Prof. B. Deputy',
    });
    expect(correction).toMatchObject({ number: `${ay} LIACS 3`, replacesId: first.id, replacesNumber: `${ay} LIACS 1`, petitionId: zoe });
    const history = ok(t, 'decisions.ofPetition', { petitionId: zoe });
    expect(history.map((d) => [d.number, d.replacedByNumber])).toEqual([
      [`${ay} LIACS 1`, `${ay} LIACS 3`],
      [`${ay} LIACS 3`, null],
    ]);
    expect(itemOf(ok(t, 'meetings.get', { id: boex.id }), zoe).decision?.number).toBe(`${ay} LIACS 3`);
    expect(statusOf(t, zoe)).toBe('in_progress');

    // The meetings list: newest first, with counts.
    expect(ok(t, 'meetings.list', {}).map((m) => [m.id, m.itemCount, m.doneCount])).toEqual([
      [nextMt.id, 0, 0],
      [boex.id, 2, 2],
      [mt.id, 3, 3],
    ]);
  });

  it('leaves a not-supported item to an individual decision when the batch has no override for it', () => {
    const a = newPetition(t);
    const b = newPetition(t);
    const boex = onBoexAgenda(t, [{ id: a }, { id: b, advice: 'not_support' }]);
    const decided = ok(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' });
    expect(decided.map((d) => [d.petitionId, d.number])).toEqual([[a, '24-25 LIACS 1']]);
    expect(statusOf(t, b)).toBe('in_progress');
    // A second batch finds nothing left to decide by default.
    expect(ok(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' })).toEqual([]);
    const single = ok(t, 'decisions.record', decisionForm(itemOf(boex, b).id, { outcome: 'rejected', reasoning: 'As advised.' }));
    expect(single).toMatchObject({ number: '24-25 LIACS 2', outcome: 'rejected' });
    expect(statusOf(t, b)).toBe('rejected');
  });

  it('adds the warnings to the reasoning of a batch approval, in the language asked for', () => {
    const p = newPetition(t, { courseStartDate: null });
    const boex = onBoexAgenda(t, [{ id: p, reasoning: 'Fits the programme.' }]);
    const [decision] = ok(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair', lang: 'nl' });
    const warning = itemOf(boex, p).findings.find((f) => f.rule === 'timing.unknown');
    expect(decision?.reasoning).toBe(`Fits the programme.\n${warning?.message.nl}`);
  });

  it('takes a petition off the MT Board agenda back to submitted, and renumbers the rest', () => {
    const [a, b, c] = [newPetition(t), newPetition(t), newPetition(t)];
    const mt = mtMeeting();
    ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [a, b, c] });
    const from = lastAuditId(t);
    const detail = ok(t, 'agenda.remove', { meetingId: mt.id, petitionId: b });
    expect(detail.items.map((i) => [i.position, i.petition.id])).toEqual([
      [1, a],
      [2, c],
    ]);
    expect(statusOf(t, b)).toBe('submitted');
    expect(auditSince(t, from)).toMatchObject([
      { action: 'delete', entity: 'agenda_item', before: { meetingId: mt.id, petitionId: b, position: 2 }, after: null },
      { action: 'unschedule', entity: 'petition', entityId: b, before: { status: 'in_progress' }, after: { status: 'submitted' } },
    ]);
    expect(ok(t, 'meetings.candidates', { meetingId: mt.id }).map((p) => p.id)).toEqual([b]);
  });

  it('moves a meeting from planned to held to closed, with audit rows', () => {
    const mt = mtMeeting();
    const from = lastAuditId(t);
    const held = ok(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-21', cutoffOn: null, location: 'Online', status: 'held' });
    expect(held).toMatchObject({ status: 'held', heldOn: '2025-02-21', cutoffOn: null, location: 'Online' });
    expect(ok(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-21', cutoffOn: null, location: 'Online', status: 'closed' }).status).toBe('closed');
    expect(auditSince(t, from)).toMatchObject([
      { action: 'update', entity: 'meeting', before: { status: 'planned', heldOn: '2025-02-20' }, after: { status: 'held', heldOn: '2025-02-21' } },
      { action: 'update', entity: 'meeting', before: { status: 'held' }, after: { status: 'closed' } },
    ]);
  });
});

describe('refusals: a sentence in English and Dutch, and nothing changed', () => {
  it('refuses a withdrawn petition on an agenda', () => {
    const p = newPetition(t);
    ok(t, 'petitions.withdraw', { id: p });
    const mt = mtMeeting();
    const petition = ok(t, 'petitions.get', { id: p });
    refusedWith(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] }, 'petition_withdrawn', 'agenda.error.withdrawn', {
      student: `${petition.student.givenName} ${petition.student.familyName} (${petition.student.studentNumber})`,
      course: `${petition.course.code} ${petition.course.title}`,
    });
  });

  it('names the withdrawn petition and stores none of the others of the same call', () => {
    const good = newPetition(t);
    const p = newPetition(t, { givenName: 'Øyvind', familyName: 'Berg', courseCode: 'X1', courseTitle: 'Sound Art' });
    ok(t, 'petitions.withdraw', { id: p });
    const mt = mtMeeting();
    const errors = refused(t, 'agenda.add', { meetingId: mt.id, petitionIds: [good, p] });
    expect(errors.en.message).toContain('Øyvind Berg');
    expect(errors.en.message).toContain('X1 Sound Art');
    expect(errors.nl.message).toContain('ingetrokken');
    expect(statusOf(t, good)).toBe('submitted');
  });

  it('refuses a meeting dated before the submission of a petition added to its agenda', () => {
    const p = newPetition(t, { submittedOn: '2025-02-25' });
    const mt = mtMeeting('2025-02-20', null);
    const errors = refused(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    expect(errors.en.code).toBe('submitted_after_meeting');
    expect(errors.en.message).toContain('25 February 2025');
    expect(errors.nl.message).toContain('25 februari 2025');
  });

  it('refuses moving a meeting to a date before the submission of a petition on its agenda', () => {
    const p = newPetition(t, { submittedOn: '2025-02-18' });
    const mt = mtMeeting('2025-02-20', null);
    ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    refusedWith(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-17', cutoffOn: null, location: '', status: 'planned' }, 'meeting_before_submission', 'meeting.error.beforeSubmission', {
      date: longDate('2025-02-17'),
      submittedOn: longDate('2025-02-18'),
    });
  });

  it('refuses a cut-off after the meeting date', () => {
    const errors = refused(t, 'meetings.create', { body: 'mt_board', heldOn: '2025-02-20', cutoffOn: '2025-02-21', location: '' });
    expect(errors.en.code).toBe('cutoff_after_meeting');
    expect(errors.en.fields?.cutoffOn).toBe(errors.en.message);
  });

  it('refuses a petition that is on another open agenda', () => {
    const p = newPetition(t);
    const first = mtMeeting();
    ok(t, 'agenda.add', { meetingId: first.id, petitionIds: [p] });
    const second = mtMeeting('2025-02-21');
    const errors = refused(t, 'agenda.add', { meetingId: second.id, petitionIds: [p] });
    expect(errors.en.code).toBe('on_other_agenda');
    expect(errors.en.message).toContain('20 February 2025');
  });

  it('refuses a petition twice on one agenda', () => {
    const p = newPetition(t);
    const mt = mtMeeting();
    ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    expect(refused(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] }).en.code).toBe('already_on_agenda');
  });

  it('refuses a decided (rejected) petition on an agenda', () => {
    const p = newPetition(t);
    const boex = onBoexAgenda(t, [{ id: p, advice: 'not_support' }]);
    ok(t, 'decisions.record', decisionForm(itemOf(boex, p).id, { outcome: 'rejected' }));
    const mt = mtMeeting('2025-03-01', null);
    const errors = refused(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    expect(errors.en.code).toBe('already_decided');
    expect(errors.en.message).toContain('24-25 LIACS 1');
  });

  it('refuses an unadvised petition on a BoEx agenda, and a submitted one', () => {
    const p = newPetition(t);
    const mt = mtMeeting();
    ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    const boex = ok(t, 'meetings.create', { body: 'boex', heldOn: '2025-02-27', cutoffOn: null, location: '' });
    expect(refused(t, 'agenda.add', { meetingId: boex.id, petitionIds: [p] }).en.code).toBe('not_advised');
    const q = newPetition(t);
    const errors = refused(t, 'agenda.add', { meetingId: boex.id, petitionIds: [q] });
    expect(errors.en.code).toBe('petition_status');
    expect(errors.en.message).toContain('"Submitted"');
    expect(errors.nl.message).toContain('"Ingediend"');
  });

  it('refuses a reorder that is not exactly the agenda', () => {
    const [a, b, c] = [newPetition(t), newPetition(t), newPetition(t)];
    const mt = mtMeeting();
    ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [a, b] });
    for (const order of [[a], [a, b, c], [a, a], [b, c], []]) {
      refusedWith(t, 'agenda.reorder', { meetingId: mt.id, petitionIds: order }, 'agenda_mismatch', 'agenda.error.reorderMismatch', { count: 2 });
    }
  });

  it('refuses taking an advised item off the agenda, and a petition that is not on it', () => {
    const [a, b] = [newPetition(t), newPetition(t)];
    const mt = mtMeeting();
    const detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [a] });
    ok(t, 'advice.record', { agendaItemId: itemOf(detail, a).id, advice: 'support', reasoning: 'Fine.' });
    expect(refused(t, 'agenda.remove', { meetingId: mt.id, petitionId: a }).en.code).toBe('item_advised');
    expect(refused(t, 'agenda.remove', { meetingId: mt.id, petitionId: b }).en.code).toBe('not_on_agenda');
  });

  it('refuses recording advice twice', () => {
    const p = newPetition(t);
    const mt = mtMeeting();
    const detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    const item = itemOf(detail, p).id;
    ok(t, 'advice.record', { agendaItemId: item, advice: 'support', reasoning: 'Fine.' });
    const errors = refused(t, 'advice.record', { agendaItemId: item, advice: 'not_support', reasoning: 'On second thought.' });
    expect(errors.en.code).toBe('advice_recorded');
    expect(errors.nl.message).toContain('al vastgelegd');
  });

  it('refuses advice without reasoning, next to the field', () => {
    const p = newPetition(t);
    const mt = mtMeeting();
    const detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    const errors = refused(t, 'advice.record', { agendaItemId: itemOf(detail, p).id, advice: 'support', reasoning: '   ' });
    expect(errors.en).toMatchObject({ code: 'invalid_input', fields: { reasoning: 'Fill in this field.' } });
    expect(errors.nl.fields?.reasoning).toBe('Vul dit veld in.');
  });

  it('refuses advice on a BoEx item, and on a withdrawn petition', () => {
    const p = newPetition(t);
    const boex = onBoexAgenda(t, [{ id: p }]);
    expect(refused(t, 'advice.record', { agendaItemId: itemOf(boex, p).id, advice: 'support', reasoning: 'Fine.' }).en.code).toBe('not_mt_board');
    const q = newPetition(t);
    const mt = mtMeeting('2025-02-28', null);
    const detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [q] });
    ok(t, 'petitions.withdraw', { id: q });
    expect(refused(t, 'advice.record', { agendaItemId: itemOf(detail, q).id, advice: 'support', reasoning: 'Fine.' }).en.code).toBe('petition_status');
    // A withdrawn petition leaves the agenda without becoming submitted again.
    ok(t, 'agenda.remove', { meetingId: mt.id, petitionId: q });
    expect(statusOf(t, q)).toBe('withdrawn');
  });

  it('refuses any change to a closed meeting, and setting a meeting back', () => {
    const [a, b] = [newPetition(t), newPetition(t)];
    const mt = mtMeeting();
    const detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [a] });
    ok(t, 'advice.record', { agendaItemId: itemOf(detail, a).id, advice: 'support', reasoning: 'Fine.' });
    ok(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-20', cutoffOn: null, location: '', status: 'held' });
    refusedWith(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-20', cutoffOn: null, location: '', status: 'planned' }, 'meeting_status_back', 'meeting.error.statusBack');
    ok(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-20', cutoffOn: null, location: '', status: 'closed' });
    const closed = { date: longDate('2025-02-20') };
    refusedWith(t, 'agenda.add', { meetingId: mt.id, petitionIds: [b] }, 'meeting_closed', 'meeting.error.closed', closed);
    refusedWith(t, 'agenda.reorder', { meetingId: mt.id, petitionIds: [a] }, 'meeting_closed', 'meeting.error.closed', closed);
    refusedWith(t, 'agenda.remove', { meetingId: mt.id, petitionId: a }, 'meeting_closed', 'meeting.error.closed', closed);
    refusedWith(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-20', cutoffOn: null, location: 'Elsewhere', status: 'closed' }, 'meeting_closed', 'meeting.error.closed', closed);
  });

  it('refuses closing an MT Board meeting while petitions on its agenda wait for advice', () => {
    const p = newPetition(t);
    const mt = mtMeeting();
    ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p] });
    refusedWith(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-20', cutoffOn: null, location: '', status: 'closed' }, 'meeting_items_waiting', 'meeting.error.itemsWaiting', { count: 1 });
  });

  it('refuses an unknown meeting and an unknown petition', () => {
    refusedWith(t, 'meetings.get', { id: 999 }, 'not_found', 'meeting.error.notFound', { id: 999 });
    const mt = mtMeeting();
    refusedWith(t, 'agenda.add', { meetingId: mt.id, petitionIds: [999] }, 'not_found', 'error.petition.notFound', { id: 999 });
  });
});
