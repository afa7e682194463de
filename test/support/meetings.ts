// What the meeting and decision suites stand on: calls through dispatch (the path every transport
// takes), refusals checked in both languages with the register left exactly as it was, and a few
// petitions a secretary could have typed, put through the MT Board and onto a BoEx agenda.
import { expect } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import type { CallInput, CallName, CallOutput } from '../../shared/api';
import type { ApiErrorBody } from '../../shared/errors';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/errors';
import type { Register } from '../../db/register';
import { petitionForm, type PetitionForm, type TestRegister } from './register';

/** Every table the board's work writes to, and the ones it reads. */
export const BOARD_TABLES = ['students', 'courses', 'petitions', 'meetings', 'agenda_items', 'advice', 'decisions', 'settings', 'audit_log'] as const;

/** Every row of those tables, in a stable order: equal dumps mean nothing was stored or changed. */
export function dumpBoard(register: Register): Record<string, unknown[]> {
  return Object.fromEntries(BOARD_TABLES.map((table) => [table, register.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]));
}

export function countBoard(register: Register): Record<string, number> {
  const count = (table: string) => (register.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return Object.fromEntries(BOARD_TABLES.map((table) => [table, count(table)]));
}

/** What no sentence for a person may hold: a stack frame, or the database driver's internals. */
const INTERNALS = /SqliteError|SQLITE_|\n\s*at |\bat \S+ \(|\.ts:\d+|Error:|\{\{/;

export function call<N extends CallName>(t: TestRegister, name: N, input: CallInput<N>, lang: Language = 'en') {
  return dispatch(t.ctx, name, input, lang);
}

/** A call that must succeed; returns its value. */
export function ok<N extends CallName>(t: TestRegister, name: N, input: CallInput<N>): CallOutput<N> {
  const result = dispatch(t.ctx, name, input, 'en');
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as CallOutput<N>;
}

/**
 * A call that must be refused, in English and in Dutch, with the register left as it was (every
 * row of every board table, the audit log included). Returns both error bodies.
 */
export function refused<N extends CallName>(t: TestRegister, name: N, input: CallInput<N>): Record<Language, ApiErrorBody> {
  const before = dumpBoard(t.register);
  const counts = countBoard(t.register);
  const errors = {} as Record<Language, ApiErrorBody>;
  for (const lang of ['en', 'nl'] as const) {
    const result = dispatch(t.ctx, name, input, lang);
    if (result.ok) throw new Error(`${name} succeeded, but should have been refused`);
    for (const sentence of [result.error.message, ...Object.values(result.error.fields ?? {})]) expect(sentence).not.toMatch(INTERNALS);
    errors[lang] = result.error;
  }
  expect(errors.en.code).toBe(errors.nl.code);
  expect(errors.en.message).not.toBe(errors.nl.message);
  expect(countBoard(t.register)).toEqual(counts);
  expect(dumpBoard(t.register)).toEqual(before);
  return errors;
}

/** A refusal whose sentence is exactly this catalogue entry, in both languages. */
export function refusedWith<N extends CallName>(t: TestRegister, name: N, input: CallInput<N>, code: string, key: MessageKey, params: MessageParams = {}): void {
  const errors = refused(t, name, input);
  for (const lang of ['en', 'nl'] as const) {
    expect(errors[lang].code).toBe(code);
    expect(errors[lang].message).toBe(translate(lang, key, params));
  }
}

let studentSerial = 0;

/** A petition for a new student (and by default a new course); returns its id. */
export function newPetition(t: TestRegister, change: Partial<PetitionForm> = {}): number {
  studentSerial += 1;
  const n = String(1000000 + (studentSerial % 9000000)).padStart(7, '0');
  const form = petitionForm({
    studentNumber: `s${n}`,
    givenName: `Student${studentSerial}`,
    familyName: 'Tester',
    email: `student${studentSerial}@umail.leidenuniv.nl`,
    courseCode: `C${studentSerial}`,
    courseTitle: `Course ${studentSerial}`,
    ...change,
  });
  return ok(t, 'petitions.create', form).id;
}

export function statusOf(t: TestRegister, petitionId: number): string {
  return (t.register.sqlite.prepare('SELECT status FROM petitions WHERE id = ?').get(petitionId) as { status: string }).status;
}

export function lastAuditId(t: TestRegister): number {
  return (t.register.sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log').get() as { id: number }).id;
}

export interface AuditRow {
  action: string;
  entity: string;
  entityId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export function auditSince(t: TestRegister, id: number): AuditRow[] {
  return (t.register.sqlite.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(id) as Array<Record<string, unknown>>).map((row) => ({
    action: row.action as string,
    entity: row.entity as string,
    entityId: row.entity_id as number | null,
    before: row.before === null ? null : (JSON.parse(row.before as string) as Record<string, unknown>),
    after: row.after === null ? null : (JSON.parse(row.after as string) as Record<string, unknown>),
  }));
}

export type Detail = CallOutput<'meetings.get'>;

export const itemOf = (detail: Detail, petitionId: number) => {
  const item = detail.items.find((i) => i.petition.id === petitionId);
  if (!item) throw new Error(`petition ${petitionId} is not on the agenda of meeting ${detail.meeting.id}`);
  return item;
};

/**
 * Petitions through an MT Board meeting (each advised as given) and onto a BoEx meeting's agenda:
 * returns the BoEx meeting's detail. The MT meeting is held on `mtOn`, the BoEx meeting on `boexOn`.
 */
export function onBoexAgenda(
  t: TestRegister,
  petitions: Array<{ id: number; advice?: 'support' | 'not_support'; reasoning?: string }>,
  { mtOn = '2025-02-20', boexOn = '2025-02-27' } = {},
): Detail {
  const mt = ok(t, 'meetings.create', { body: 'mt_board', heldOn: mtOn, cutoffOn: null, location: 'Snellius 401' });
  let detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: petitions.map((p) => p.id) });
  for (const p of petitions) {
    detail = ok(t, 'advice.record', {
      agendaItemId: itemOf(detail, p.id).id,
      advice: p.advice ?? 'support',
      reasoning: p.reasoning ?? 'The course fits the programme.',
    });
  }
  const boex = ok(t, 'meetings.create', { body: 'boex', heldOn: boexOn, cutoffOn: null, location: 'Gorlaeus' });
  return ok(t, 'agenda.add', { meetingId: boex.id, petitionIds: petitions.map((p) => p.id) });
}

/** The fields of a decision form, as the UI prefills them for a master-level course of 7.5 EC. */
export function decisionForm(agendaItemId: number, change: Partial<CallInput<'decisions.record'>> = {}): CallInput<'decisions.record'> {
  return {
    agendaItemId,
    outcome: 'approved',
    kind: 'individual',
    creditedEc: 7,
    level: 'master',
    institutionName: 'Utrecht University',
    reasoning: 'The course is at master level and fits the programme.',
    decidedOn: '2025-02-27',
    signatory: 'Dr. A. Chair',
    ...change,
  };
}
