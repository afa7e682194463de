// Decisions as the contract shows them: with the course, the number they replace, the number that
// replaced them (both stay visible), and the general decision they cite.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { courses, decisions } from '../../db/schema';
import type { Decision } from '../../shared/meetings';
import { appealClosesOn, parseLevel } from '../../shared/rules';
import type { Db } from './petition-facts';

const replaced = alias(decisions, 'replaced');

/**
 * The register has no column for a cited general decision, so the citation is kept in the audit
 * row that created the decision (after.citesDecisionId), written in the same transaction.
 */
const citesNumber = sql<string | null>`(SELECT c.number FROM decisions c WHERE c.id = (
  SELECT json_extract(a.after, '$.citesDecisionId') FROM audit_log a
  WHERE a.entity = 'decision' AND a.action = 'create' AND a.entity_id = decisions.id ORDER BY a.id LIMIT 1))`;

const replacedByNumber = sql<string | null>`(SELECT r.number FROM decisions r WHERE r.replaces_id = decisions.id ORDER BY r.id LIMIT 1)`;

/** A decision that no later decision corrected. */
export const isCurrent = sql`NOT EXISTS (SELECT 1 FROM decisions r WHERE r.replaces_id = decisions.id)`;

export function decisionsWhere(db: Db, where: SQL | undefined): Decision[] {
  return db
    .select({
      d: decisions,
      courseCode: courses.code,
      courseTitle: courses.title,
      replacesNumber: replaced.number,
      replacedByNumber,
      citesNumber,
    })
    .from(decisions)
    .innerJoin(courses, eq(courses.id, decisions.courseId))
    .leftJoin(replaced, eq(replaced.id, decisions.replacesId))
    .where(where)
    .orderBy(asc(decisions.id))
    .all()
    .map(({ d, ...row }) => ({
      id: d.id,
      number: d.number,
      kind: d.kind,
      outcome: d.outcome,
      petitionId: d.petitionId,
      courseId: d.courseId,
      courseCode: row.courseCode,
      courseTitle: row.courseTitle,
      meetingId: d.meetingId,
      creditedEc: d.creditedEc,
      level: parseLevel(d.level),
      institutionName: d.institutionName,
      reasoning: d.reasoning,
      decidedOn: d.decidedOn,
      appealClosesOn: appealClosesOn(d.decidedOn),
      signatory: d.signatory,
      replacesId: d.replacesId,
      replacesNumber: row.replacesNumber ?? null,
      citesNumber: row.citesNumber,
      letterIssuedAt: d.letterIssuedAt,
      replacedByNumber: row.replacedByNumber,
    }));
}

export function decisionById(db: Db, id: number): Decision | null {
  return decisionsWhere(db, eq(decisions.id, id))[0] ?? null;
}

/** Every decision on a petition, corrected ones included, oldest first. */
export function decisionsOfPetition(db: Db, petitionId: number): Decision[] {
  return decisionsWhere(db, eq(decisions.petitionId, petitionId));
}

/** The decision on a petition that stands (the last of its chain of corrections): its id and number. */
export function currentDecisionOf(db: Db, petitionId: number): { id: number; number: string } | null {
  return (
    db
      .select({ id: decisions.id, number: decisions.number })
      .from(decisions)
      .where(and(eq(decisions.petitionId, petitionId), isCurrent))
      .orderBy(desc(decisions.id))
      .get() ?? null
  );
}

/** The standing decision of each of these petitions, by petition. */
export function currentDecisionsOf(db: Db, petitionIds: number[]): Map<number, Decision> {
  const byPetition = new Map<number, Decision>();
  if (petitionIds.length === 0) return byPetition;
  for (const d of decisionsWhere(db, and(inArray(decisions.petitionId, petitionIds), isCurrent))) {
    if (d.petitionId !== null) byPetition.set(d.petitionId, d);
  }
  return byPetition;
}

/** General decisions for a course that still stand, and so may be cited. */
export function generalDecisionsOf(db: Db, courseId: number): Decision[] {
  return decisionsWhere(db, and(eq(decisions.courseId, courseId), eq(decisions.kind, 'general'), isCurrent));
}

/** General decisions for any of these courses, by course. */
export function generalDecisionsByCourse(db: Db, courseIds: number[]): Map<number, Decision[]> {
  const byCourse = new Map<number, Decision[]>();
  if (courseIds.length === 0) return byCourse;
  for (const d of decisionsWhere(db, and(inArray(decisions.courseId, [...new Set(courseIds)]), eq(decisions.kind, 'general'), isCurrent))) {
    byCourse.set(d.courseId, [...(byCourse.get(d.courseId) ?? []), d]);
  }
  return byCourse;
}
