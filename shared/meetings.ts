// The board's own work as records: meetings of the Media Technology Board (advice) and of the
// Board of Examiners (numbered decisions), their ordered agendas, the advice and the decisions.
// One source for the forms, the API's input parsing and the types on both sides.
import { z } from 'zod';
import { ADVICE_KINDS, DECISION_KINDS, DECISION_OUTCOMES, MEETING_BODIES, MEETING_STATUSES } from './domain';
import { LANGUAGES, type MessageKey } from './i18n';
import { calendarDate, finding, levelField, levelValue, petitionRow } from './schemas';

const key = (k: MessageKey) => ({ error: k });
const id = z.number(key('invalid.value')).int().positive();
const optionalDate = z.preprocess((v) => (v === '' || v === undefined ? null : v), calendarDate.nullable());

export const meetingBody = z.enum(MEETING_BODIES, key('invalid.value'));

export const meetingInput = z.object({
  body: meetingBody,
  heldOn: calendarDate,
  /** Petitions submitted on or before this date are the meeting's candidates; empty: the meeting date. */
  cutoffOn: optionalDate,
  location: z.string().trim().max(200, key('invalid.tooLong')).default(''),
});

export const meetingUpdate = meetingInput.omit({ body: true }).extend({
  id,
  status: z.enum(MEETING_STATUSES, key('invalid.value')),
});

export const meeting = z.object({
  id: z.number().int(),
  body: meetingBody,
  heldOn: z.string(),
  cutoffOn: z.string().nullable(),
  location: z.string(),
  status: z.enum(MEETING_STATUSES),
  itemCount: z.number().int(),
  /** Items with advice (MT Board) or a decision (BoEx). */
  doneCount: z.number().int(),
});
export type Meeting = z.output<typeof meeting>;

export const adviceRecord = z.object({
  advice: z.enum(ADVICE_KINDS),
  reasoning: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  /** The MT Board meeting it was given at (on a BoEx agenda the advice comes from an earlier meeting). */
  meetingId: z.number().int(),
});

export const decision = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: z.enum(DECISION_KINDS),
  outcome: z.enum(DECISION_OUTCOMES),
  petitionId: z.number().int().nullable(),
  courseId: z.number().int(),
  courseCode: z.string(),
  courseTitle: z.string(),
  meetingId: z.number().int().nullable(),
  creditedEc: z.number().int(),
  level: levelValue,
  institutionName: z.string(),
  reasoning: z.string(),
  decidedOn: z.string(),
  /** The last day an appeal can be lodged: six weeks after the decision (shared/rules/deadlines.ts). */
  appealClosesOn: z.string(),
  signatory: z.string(),
  replacesId: z.number().int().nullable(),
  replacesNumber: z.string().nullable(),
  /** The general decision this one cites, when it was decided by citing one. */
  citesNumber: z.string().nullable(),
  letterIssuedAt: z.string().nullable(),
  /** Set when a later decision corrected this one: both stay visible. */
  replacedByNumber: z.string().nullable(),
});
export type Decision = z.output<typeof decision>;

export const agendaItem = z.object({
  id: z.number().int(),
  position: z.number().int(),
  petition: petitionRow.extend({ motivation: z.string(), courseStartDate: z.string().nullable() }),
  findings: z.array(finding),
  /** MT Board: the advice given at this item. BoEx: the MT Board's advice the decision rests on. */
  advice: adviceRecord.nullable(),
  decision: decision.nullable(),
  /** General decisions for this item's course that a decision may cite. */
  generalDecisions: z.array(decision),
});
export type AgendaItem = z.output<typeof agendaItem>;

export const meetingDetail = z.object({ meeting, items: z.array(agendaItem) });
export type MeetingDetail = z.output<typeof meetingDetail>;

export const adviceInput = z.object({
  agendaItemId: id,
  advice: z.enum(ADVICE_KINDS, key('invalid.value')),
  reasoning: z.string().trim().min(1, key('invalid.required')).max(5000, key('invalid.tooLong')),
});

/** One decision on one agenda item of a BoEx meeting; the number is assigned by the register. */
export const decisionInput = z.object({
  agendaItemId: id,
  outcome: z.enum(DECISION_OUTCOMES, key('invalid.value')),
  kind: z.enum(DECISION_KINDS, key('invalid.value')),
  creditedEc: z.number(key('invalid.ec')).int(key('invalid.ec')).min(0, key('invalid.ec')).max(60, key('invalid.ecRange')),
  level: levelField,
  institutionName: z.string().trim().min(1, key('invalid.required')).max(200, key('invalid.tooLong')),
  reasoning: z.string().trim().min(1, key('invalid.required')).max(10_000, key('invalid.tooLong')),
  decidedOn: calendarDate,
  signatory: z.string().trim().min(1, key('invalid.required')).max(200, key('invalid.tooLong')),
  /** A general decision for the same course that this decision applies. */
  citesDecisionId: id.optional(),
});

/** Decide every supported item of a BoEx meeting as approved at once; overrides per item. */
export const batchDecisionInput = z.object({
  meetingId: id,
  decidedOn: calendarDate,
  signatory: z.string().trim().min(1, key('invalid.required')).max(200, key('invalid.tooLong')),
  overrides: z
    .array(z.object({ agendaItemId: id, outcome: z.enum(DECISION_OUTCOMES), reasoning: z.string().trim().max(10_000).optional() }))
    .default([]),
  /** The language of the warning sentences added to the advice reasoning (added; English by default). */
  lang: z.enum(LANGUAGES).default('en'),
});

/** A correction: a new decision with a new number that names the one it replaces. */
export const correctionInput = decisionInput.omit({ agendaItemId: true }).extend({ replacesId: id });

/** A general decision: a course approved (or rejected) as an elective for every student. */
export const generalDecisionInput = decisionInput.omit({ agendaItemId: true, kind: true, citesDecisionId: true }).extend({
  courseId: id,
  meetingId: id.optional(),
});

export const decisionSettings = z.object({
  /** '{ay} LIACS {seq}' by default; the older form was 'Besluit {seq}' with one running counter. */
  decisionNumberTemplate: z.string().trim().min(1).max(100),
  signatories: z.array(z.object({ name: z.string().trim().min(1).max(200), role: z.string().trim().max(200) })).max(20),
});
export type DecisionSettings = z.output<typeof decisionSettings>;

export const meetingsApi = {
  'meetings.list': { input: z.object({}), output: z.array(meeting) },
  'meetings.create': { input: meetingInput, output: meeting },
  'meetings.update': { input: meetingUpdate, output: meeting },
  'meetings.get': { input: z.object({ id }), output: meetingDetail },
  /** Petitions that may go on this meeting's agenda now. */
  'meetings.candidates': { input: z.object({ meetingId: id }), output: z.array(petitionRow) },
  'agenda.add': { input: z.object({ meetingId: id, petitionIds: z.array(id).min(1).max(500) }), output: meetingDetail },
  'agenda.remove': { input: z.object({ meetingId: id, petitionId: id }), output: meetingDetail },
  'agenda.reorder': { input: z.object({ meetingId: id, petitionIds: z.array(id).max(500) }), output: meetingDetail },
  'advice.record': { input: adviceInput, output: meetingDetail },
  'decisions.record': { input: decisionInput, output: decision },
  'decisions.recordBatch': { input: batchDecisionInput, output: z.array(decision) },
  'decisions.correct': { input: correctionInput, output: decision },
  'decisions.recordGeneral': { input: generalDecisionInput, output: decision },
  'decisions.ofPetition': { input: z.object({ petitionId: id }), output: z.array(decision) },
  'settings.decisions': { input: z.object({}), output: decisionSettings },
  'settings.updateDecisions': { input: decisionSettings, output: decisionSettings },
} as const;
