// The BoEx's numbered decisions: one on an agenda item, a batch for a meeting's supported items,
// a correction (a new decision that names the one it replaces), and a general decision for a
// course. Decisions are never edited or deleted: a correction is the only way to change one, and
// both stay visible. Each call is one immediate transaction: the number is drawn, the decision
// stored, the petition's status moved and every audit row written, or nothing at all.
import { asc, eq } from 'drizzle-orm';
import { agendaItems, courses, decisions } from '../../db/schema';
import { AppError, type MessageParams } from '../../shared/errors';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import type { Decision } from '../../shared/meetings';
import { creditedEc, type Finding, type Level } from '../../shared/rules';
import { agendaItemRecord } from './advice';
import { standingAdviceOf } from './advice-view';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { checkDecisionDate, nextDecisionNumber } from './decision-numbers';
import { currentDecisionOf, decisionById, decisionsOfPetition } from './decision-view';
import { findingsOf, refreshFindings } from './findings';
import { assertOpen, meetingRecord, type MeetingRecord } from './meetings';
import { longDate, named, petitionFacts, setPetitionStatus, type Db, type PetitionFacts } from './petition-facts';

type Outcome = 'approved' | 'rejected';
type Kind = 'individual' | 'general';

/** What the board decides, whatever it is decided on. */
interface DecisionFields {
  outcome: Outcome;
  kind: Kind;
  creditedEc: number;
  level: Level;
  institutionName: string;
  reasoning: string;
  decidedOn: string;
  signatory: string;
  citesDecisionId?: number | undefined;
}

/** What the decision is about: a petition (individual, or general on the occasion of one) or a course. */
interface Subject {
  petition: PetitionFacts | null;
  courseId: number;
  courseEc: number;
  meetingId: number | null;
  replacesId: number | null;
}

/** The sentence a decision citing a general decision carries in its reasoning. */
export const citationSentence = (number: string) => `Decided under general decision ${number}.`;

function bothLanguages(key: MessageKey, params: MessageParams): { en: string; nl: string } {
  return { en: translate('en', key, params), nl: translate('nl', key, params) };
}

function findingList(findings: Finding[]): { en: string; nl: string } {
  return { en: findings.map((f) => f.message.en).join(' '), nl: findings.map((f) => f.message.nl).join(' ') };
}

/** The general decision a decision cites: one for the same course, still standing, with the same outcome. */
function citedDecision(tx: Db, fields: DecisionFields, subject: Subject): Decision | null {
  if (fields.citesDecisionId === undefined) return null;
  const cited = decisionById(tx, fields.citesDecisionId);
  const course = tx.select({ code: courses.code, title: courses.title }).from(courses).where(eq(courses.id, subject.courseId)).get();
  const fieldError = { citesDecisionId: 'decision.error.citeInvalid' as const };
  if (!cited || cited.kind !== 'general' || cited.courseId !== subject.courseId) {
    throw new AppError('cite_invalid', 'decision.error.citeInvalid', { course: `${course?.code ?? ''} ${course?.title ?? ''}`.trim() }, fieldError);
  }
  if (cited.replacedByNumber !== null) {
    throw new AppError('cite_replaced', 'decision.error.citeReplaced', { number: cited.number, by: cited.replacedByNumber }, { citesDecisionId: 'decision.error.citeReplaced' });
  }
  if (cited.outcome !== fields.outcome) {
    throw new AppError('cite_outcome', 'decision.error.citeOutcome', { number: cited.number }, { citesDecisionId: 'decision.error.citeOutcome' });
  }
  return cited;
}

/**
 * Checks a decision, draws its number and stores it with its audit rows, inside the caller's
 * transaction. An approval is refused while the petition breaks a rule with severity error, unless
 * it applies a general decision for the course that approved it.
 */
function storeDecision(tx: Db, ctx: ServiceContext, fields: DecisionFields, subject: Subject, action: 'decide' | 'correct'): number {
  checkDecisionDate(tx, ctx, fields.decidedOn);
  const maxEc = Math.floor(subject.courseEc);
  if (fields.creditedEc > maxEc) {
    throw new AppError('ec_too_high', 'decision.error.ecTooHigh', { creditedEc: fields.creditedEc, max: maxEc }, { creditedEc: 'decision.error.ecTooHigh' });
  }
  const cited = citedDecision(tx, fields, subject);
  const { petition } = subject;
  if (petition && fields.outcome === 'approved' && !cited) {
    const errors = findingsOf(tx, petition.studentId, petition.id).filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      throw new AppError('error_findings', 'decision.error.errorFindings', { ...named(petition), findings: findingList(errors) });
    }
  }
  const reasoning = cited && !fields.reasoning.includes(cited.number) ? `${fields.reasoning}\n${citationSentence(cited.number)}` : fields.reasoning;
  const drawn = nextDecisionNumber(tx, fields.decidedOn);
  const stored = {
    number: drawn.number,
    series: drawn.series,
    seq: drawn.seq,
    kind: fields.kind,
    outcome: fields.outcome,
    petitionId: petition?.id ?? null,
    courseId: subject.courseId,
    meetingId: subject.meetingId,
    creditedEc: fields.creditedEc,
    level: String(fields.level),
    institutionName: fields.institutionName,
    reasoning,
    decidedOn: fields.decidedOn,
    signatory: fields.signatory,
    replacesId: subject.replacesId,
  };
  const created = tx
    .insert(decisions)
    .values({ ...stored, createdAt: ctx.now().toISOString(), createdBy: ctx.actor })
    .returning({ id: decisions.id })
    .get();
  writeAudit(tx, ctx, {
    action: 'create',
    entity: 'decision',
    entityId: created.id,
    before: null,
    after: { ...stored, citesDecisionId: cited?.id ?? null, citesNumber: cited?.number ?? null },
  });
  if (petition) {
    // Approved stays "in progress" until the grade is registered; a correction may turn either way.
    const movable = petition.status === 'in_progress' || petition.status === 'rejected';
    const status = !movable ? petition.status : fields.outcome === 'rejected' ? 'rejected' : 'in_progress';
    setPetitionStatus(tx, ctx, petition, status, action, { decisionNumber: drawn.number, outcome: fields.outcome });
    refreshFindings(tx, petition.studentId);
  }
  return created.id;
}

/** Decides the petition of one agenda item of a BoEx meeting. */
function decideItem(tx: Db, ctx: ServiceContext, meeting: MeetingRecord, petition: PetitionFacts, fields: DecisionFields): number {
  const decided = currentDecisionOf(tx, petition.id);
  if (decided) throw new AppError('already_decided', 'decision.error.alreadyDecided', { ...named(petition), number: decided.number });
  if (petition.status !== 'in_progress') {
    throw new AppError('petition_status', 'decision.error.petitionStatus', { ...named(petition), status: { key: `status.${petition.status}` } });
  }
  return storeDecision(tx, ctx, fields, { petition, courseId: petition.courseId, courseEc: petition.courseEc, meetingId: meeting.id, replacesId: null }, 'decide');
}

/** The BoEx meeting whose agenda holds this item; refused for an item elsewhere. */
function boexItem(tx: Db, agendaItemId: number, atMeetingId: number | undefined) {
  const item = agendaItemRecord(tx, agendaItemId);
  const petition = petitionFacts(tx, item.petitionId);
  if (atMeetingId !== undefined && atMeetingId !== item.meetingId) {
    const at = meetingRecord(tx, atMeetingId);
    throw new AppError('not_on_agenda', 'decision.error.notOnAgenda', { ...named(petition), date: longDate(at.heldOn) });
  }
  const meeting = meetingRecord(tx, item.meetingId);
  if (meeting.body !== 'boex') throw new AppError('not_boex', 'decision.error.notBoex', named(petition));
  assertOpen(meeting);
  return { item, meeting, petition };
}

export function recordDecision(ctx: ServiceContext, input: DecisionFields & { agendaItemId: number }): Decision {
  const id = ctx.register.db.transaction(
    (tx) => {
      const { meeting, petition } = boexItem(tx, input.agendaItemId, undefined);
      return decideItem(tx, ctx, meeting, petition, input);
    },
    { behavior: 'immediate' },
  );
  return decided(ctx, id);
}

function decided(ctx: ServiceContext, id: number): Decision {
  const decision = decisionById(ctx.register.db, id);
  if (!decision) throw new AppError('not_found', 'decision.error.notFound', { id });
  return decision;
}

/**
 * The reasoning a batch decision starts from: the MT Board's advice, then a sentence per finding
 * the board should read (warnings for an approval; errors and warnings for a rejection).
 */
function batchReasoning(adviceReasoning: string, findings: Finding[], outcome: Outcome, lang: Language): string {
  const shown = findings.filter((f) => f.severity === 'warning' || (outcome === 'rejected' && f.severity === 'error'));
  return [adviceReasoning, ...shown.map((f) => f.message[lang])].filter((s) => s.trim() !== '').join('\n');
}

/**
 * Decides every item of a BoEx meeting whose MT Board advice is support and that has no decision
 * yet as approved (individual, credited EC from the course, the advice's reasoning), with per-item
 * overrides; items advised "not support" are decided only when an override says how. All or
 * nothing: one refused item refuses the batch, and the sentence names it.
 */
export function recordBatch(
  ctx: ServiceContext,
  input: {
    meetingId: number;
    decidedOn: string;
    signatory: string;
    overrides: Array<{ agendaItemId: number; outcome: Outcome; reasoning?: string | undefined }>;
    lang: Language;
  },
): Decision[] {
  const ids = ctx.register.db.transaction(
    (tx) => {
      const meeting = meetingRecord(tx, input.meetingId);
      if (meeting.body !== 'boex') throw new AppError('not_boex', 'decision.error.notBoexMeeting', { date: longDate(meeting.heldOn) });
      assertOpen(meeting);
      const items = tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meeting.id)).orderBy(asc(agendaItems.position), asc(agendaItems.id)).all();
      const overrides = new Map(input.overrides.map((o) => [o.agendaItemId, o]));
      for (const agendaItemId of overrides.keys()) {
        if (!items.some((i) => i.id === agendaItemId)) boexItem(tx, agendaItemId, meeting.id);
      }
      const created: number[] = [];
      for (const item of items) {
        const override = overrides.get(item.id);
        const petition = petitionFacts(tx, item.petitionId);
        const advice = standingAdviceOf(tx, petition.id);
        if (!override && (advice?.advice !== 'support' || petition.status !== 'in_progress' || currentDecisionOf(tx, petition.id))) continue;
        const outcome = override?.outcome ?? 'approved';
        const findings = findingsOf(tx, petition.studentId, petition.id);
        const fields: DecisionFields = {
          outcome,
          kind: 'individual',
          creditedEc: creditedEc(petition.courseEc),
          level: petition.courseLevel,
          institutionName: petition.institutionName,
          reasoning: override?.reasoning || batchReasoning(advice?.reasoning ?? '', findings, outcome, input.lang),
          decidedOn: input.decidedOn,
          signatory: input.signatory,
        };
        try {
          created.push(decideItem(tx, ctx, meeting, petition, fields));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          throw new AppError(error.code, 'decision.error.batchItem', {
            ...named(petition),
            position: item.position,
            reason: bothLanguages(error.key, error.params),
          });
        }
      }
      return created;
    },
    { behavior: 'immediate' },
  );
  return ids.map((id) => decided(ctx, id));
}

/** A correction: a new decision, with a new number, that names the one it replaces; the old one stays. */
export function correctDecision(ctx: ServiceContext, input: DecisionFields & { replacesId: number }): Decision {
  const id = ctx.register.db.transaction(
    (tx) => {
      const old = decisionById(tx, input.replacesId);
      if (!old) throw new AppError('not_found', 'decision.error.notFound', { id: input.replacesId });
      if (old.replacedByNumber !== null) {
        throw new AppError('already_replaced', 'decision.error.alreadyReplaced', { number: old.number, by: old.replacedByNumber });
      }
      if (old.petitionId === null && input.kind === 'individual') {
        throw new AppError('general_stays_general', 'decision.error.generalStaysGeneral', { number: old.number }, { kind: 'decision.error.generalStaysGeneral' });
      }
      const course = tx.select({ ec: courses.ec }).from(courses).where(eq(courses.id, old.courseId)).get();
      const petition = old.petitionId === null ? null : petitionFacts(tx, old.petitionId);
      return storeDecision(tx, ctx, input, { petition, courseId: old.courseId, courseEc: course?.ec ?? 0, meetingId: old.meetingId, replacesId: old.id }, 'correct');
    },
    { behavior: 'immediate' },
  );
  return decided(ctx, id);
}

/** A general decision: a course approved (or rejected) as an elective for every student. */
export function recordGeneralDecision(
  ctx: ServiceContext,
  input: Omit<DecisionFields, 'kind' | 'citesDecisionId'> & { courseId: number; meetingId?: number | undefined },
): Decision {
  const id = ctx.register.db.transaction(
    (tx) => {
      const course = tx.select({ id: courses.id, ec: courses.ec }).from(courses).where(eq(courses.id, input.courseId)).get();
      if (!course) throw new AppError('not_found', 'decision.error.courseNotFound', { id: input.courseId });
      let meetingId: number | null = null;
      if (input.meetingId !== undefined) {
        const meeting = meetingRecord(tx, input.meetingId);
        if (meeting.body !== 'boex') throw new AppError('not_boex', 'decision.error.notBoexMeeting', { date: longDate(meeting.heldOn) });
        assertOpen(meeting);
        meetingId = meeting.id;
      }
      return storeDecision(tx, ctx, { ...input, kind: 'general' }, { petition: null, courseId: course.id, courseEc: course.ec, meetingId, replacesId: null }, 'decide');
    },
    { behavior: 'immediate' },
  );
  return decided(ctx, id);
}

export function decisionsOf(ctx: ServiceContext, { petitionId }: { petitionId: number }): Decision[] {
  petitionFacts(ctx.register.db, petitionId);
  return decisionsOfPetition(ctx.register.db, petitionId);
}
