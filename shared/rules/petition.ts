import { parseCalendarDate } from './dates';
import { ADVANCED_CAP_EC, creditedEc, ecStanding, INTRODUCTORY_CAP_EC, type Standing } from './ec';
import { byRuleOrder, finding, type Finding } from './findings';
import { levelCategory, type Level, type LevelCategory } from './levels';
import * as say from './messages';

export const INSTITUTION_KINDS = ['leiden', 'university', 'applied_sciences'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export interface PetitionInput {
  /** YYYY-MM-DD */
  submittedOn: string;
  course: { id: string; ec: number; level: Level; startDate: string | null; honours: boolean };
  institutionKind: InstitutionKind;
  hboFormOnFile: boolean;
  /** The student's other petitions; rejected and withdrawn ones left out. */
  otherPetitions: ReadonlyArray<{ courseId: string; ec: number; level: Level; standing: Standing }>;
}

export function checkPetition(input: PetitionInput): Finding[] {
  const { course } = input;
  parseCalendarDate(input.submittedOn, 'Submission date');
  if (course.startDate !== null) parseCalendarDate(course.startDate, 'Course start date');
  if (!(INSTITUTION_KINDS as readonly string[]).includes(input.institutionKind)) {
    throw new RangeError(
      `Institution kind ${JSON.stringify(input.institutionKind)} is not one of ${INSTITUTION_KINDS.join(', ')}`,
    );
  }
  const credited = creditedEc(course.ec);
  const category = levelCategory(course.level);

  return byRuleOrder([
    ...levelFindings(category, course.level),
    ...capFindings(category, credited, input.otherPetitions),
    ...(input.institutionKind === 'applied_sciences' && !input.hboFormOnFile
      ? [finding('hbo.form', say.hboFormMissing())]
      : []),
    ...(course.honours ? [finding('honours', say.honoursCourse())] : []),
    ...timingFindings(input.submittedOn, course.startDate),
    ...(Number.isInteger(course.ec) ? [] : [finding('ec.half', say.halfCredits(course.ec, credited))]),
    ...duplicateFindings(course.id, input.otherPetitions),
  ]);
}

function levelFindings(category: LevelCategory, level: Level): Finding[] {
  if (category === 'master') return [];
  return [finding(`level.${category}`, say.belowMasterLevel(category, level))];
}

/**
 * A cap is checked only when this petition counts toward it: an advanced-level petition is not
 * held responsible for introductory EC approved earlier, and a master-level one for neither.
 */
function capFindings(
  category: LevelCategory,
  credited: number,
  others: PetitionInput['otherPetitions'],
): Finding[] {
  const standing = ecStanding(others);
  const caps = [
    { scope: 'advanced', applies: category !== 'master', limit: ADVANCED_CAP_EC },
    { scope: 'introductory', applies: category === 'introductory', limit: INTRODUCTORY_CAP_EC },
  ] as const;
  return caps.flatMap(({ scope, applies, limit }): Finding[] => {
    if (!applies) return [];
    const { approved, pending } = standing[scope];
    if (approved + credited > limit) {
      const numbers = { approved, pending: null, thisPetition: credited, limit };
      return [finding(`cap.${scope}`, say.capExceeded(scope, numbers))];
    }
    if (approved + pending + credited > limit) {
      const numbers = { approved, pending, thisPetition: credited, limit };
      return [finding(`cap.${scope}.pending`, say.capExceeded(scope, numbers))];
    }
    return [];
  });
}

function timingFindings(submittedOn: string, startDate: string | null): Finding[] {
  if (startDate === null) return [finding('timing.unknown', say.startDateUnknown())];
  // Validated YYYY-MM-DD strings order like the dates they name.
  if (submittedOn >= startDate) return [finding('timing.late', say.submittedLate(submittedOn, startDate))];
  return [];
}

function duplicateFindings(courseId: string, others: PetitionInput['otherPetitions']): Finding[] {
  const same = others.filter((other) => other.courseId === courseId);
  if (same.length === 0) return [];
  const standing = same.some((other) => other.standing === 'approved') ? 'approved' : 'pending';
  return [finding('duplicate', say.duplicatePetition(standing))];
}
