// What importing the rows would do to the register: which petitions it already holds, which it
// would create, and every row the petition service would refuse, found before anything is written
// so the preview can show each with its line.
import { and, eq, sql } from 'drizzle-orm';
import type { RegisterDb } from '../../../db/register';
import { courses, institutions, petitions, students } from '../../../db/schema';
import type { InstitutionKind } from '../../../shared/rules';
import type { PetitionInput } from '../../../shared/schemas';
import type { Column } from './columns';
import { problem, type Problem } from './problems';
import { sameName } from '../petitions';

/** A transaction handle or the database itself: the plan only reads. */
type Db = Pick<RegisterDb, 'select'>;

export interface PlannedRow {
  line: number;
  input: PetitionInput;
}

export interface Plan {
  toCreate: PlannedRow[];
  alreadyPresent: Array<PlannedRow & { petitionId: number }>;
  problems: Problem[];
  newStudents: number;
  newInstitutions: number;
  newCourses: number;
}

/**
 * Institutions are matched like the petition service matches them, with SQLite's lower(), which
 * folds only A–Z: "UNIVERSITÉ" and "université" are two institutions to the register, so they are
 * two here too.
 */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());


/**
 * A petition's identity for import: the same student asking for the same course at the same
 * institution on the same day is the same petition, whatever else the row says. Importing a file
 * again therefore finds every row already present.
 */
function identityOf(input: Pick<PetitionInput, 'studentNumber' | 'institution' | 'courseCode' | 'submittedOn'>): string {
  return [input.studentNumber, foldAscii(input.institution), input.courseCode, input.submittedOn].join('\n');
}

const courseKeyOf = (input: PetitionInput) => `${foldAscii(input.institution)}\n${input.courseCode}`;

interface KnownInstitution {
  id: number;
  name: string;
  kind: InstitutionKind;
}

/**
 * Register look-ups, prepared once (building a query costs more than running it, and a file asks
 * thousands) and each asked once per distinct value however many rows share it.
 */
function registerLookups(db: Db) {
  const memo = <T>(find: (key: string) => T) => {
    const cache = new Map<string, T>();
    return (key: string): T => {
      if (!cache.has(key)) cache.set(key, find(key));
      return cache.get(key) as T;
    };
  };
  const studentQuery = db
    .select({ givenName: students.givenName, familyName: students.familyName })
    .from(students)
    .where(eq(students.studentNumber, sql.placeholder('studentNumber')))
    .prepare();
  const institutionQuery = db
    .select({ id: institutions.id, name: institutions.name, kind: institutions.kind })
    .from(institutions)
    .where(sql`lower(${institutions.name}) = lower(${sql.placeholder('name')})`)
    .prepare();
  const courseQuery = db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.institutionId, sql.placeholder('institutionId')), eq(courses.code, sql.placeholder('code'))))
    .prepare();
  const institution = memo((name): KnownInstitution | null => institutionQuery.get({ name }) ?? null);
  return {
    student: memo((studentNumber) => studentQuery.get({ studentNumber }) ?? null),
    institution,
    courseExists: (input: PetitionInput): boolean => {
      const known = institution(input.institution);
      return known !== null && courseQuery.get({ institutionId: known.id, code: input.courseCode }) !== undefined;
    },
  };
}

/**
 * The petitions the register already holds for the rows, by identity: one query for the whole
 * file's students rather than one per row. Matched as a query per row would match them (the
 * institution through SQLite's lower(), see foldAscii), and where the register holds two
 * petitions with one identity, the first.
 */
function heldPetitions(db: Db, rows: readonly PlannedRow[]): Map<string, number> {
  const numbers = [...new Set(rows.map((row) => row.input.studentNumber))];
  const held = new Map<string, number>();
  if (numbers.length === 0) return held;
  const found = db
    .select({
      id: petitions.id,
      studentNumber: students.studentNumber,
      institution: institutions.name,
      courseCode: courses.code,
      submittedOn: petitions.submittedOn,
    })
    .from(petitions)
    .innerJoin(students, eq(students.id, petitions.studentId))
    .innerJoin(courses, eq(courses.id, petitions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .where(sql`${students.studentNumber} IN (SELECT value FROM json_each(${JSON.stringify(numbers)}))`)
    .all();
  for (const petition of found) {
    const identity = identityOf(petition);
    const earlier = held.get(identity);
    if (earlier === undefined || petition.id < earlier) held.set(identity, petition.id);
  }
  return held;
}

type Lookups = ReturnType<typeof registerLookups>;

/** The first row to be created for each student number, institution and course of the file. */
interface FirstRows {
  byStudent: Map<string, PlannedRow>;
  byInstitution: Map<string, PlannedRow>;
  byCourse: Map<string, PlannedRow>;
}

/** The course facts a row states; rows that create petitions for one course must state the same. */
const COURSE_FACTS: Array<[Column, (a: PetitionInput, b: PetitionInput) => boolean]> = [
  ['course_title', (a, b) => sameName(a.courseTitle, b.courseTitle)],
  ['ec', (a, b) => a.ec === b.ec],
  ['level', (a, b) => a.level === b.level],
  ['honours', (a, b) => a.honours === b.honours],
];

/**
 * What the petition service would refuse for this row (a known student number with another name,
 * a known institution with another kind), and what it would silently let the last row decide (one
 * student, institution or course described two ways in the same file).
 */
function conflictsOf(row: PlannedRow, earlier: FirstRows, register: Lookups): Problem[] {
  const { input, line } = row;
  const problems: Problem[] = [];

  const student = register.student(input.studentNumber);
  const firstOfStudent = earlier.byStudent.get(input.studentNumber);
  if (student && !(sameName(student.givenName, input.givenName) && sameName(student.familyName, input.familyName))) {
    problems.push(
      problem(line, 'student_number', 'error.student.conflict', {
        studentNumber: input.studentNumber,
        name: `${student.givenName} ${student.familyName}`,
      }),
    );
  } else if (
    !student &&
    firstOfStudent &&
    !(sameName(firstOfStudent.input.givenName, input.givenName) && sameName(firstOfStudent.input.familyName, input.familyName))
  ) {
    problems.push(
      problem(line, 'student_number', 'import.conflict.student', {
        studentNumber: input.studentNumber,
        name: `${firstOfStudent.input.givenName} ${firstOfStudent.input.familyName}`,
        line: firstOfStudent.line,
      }),
    );
  }

  const institution = register.institution(input.institution);
  const firstOfInstitution = earlier.byInstitution.get(foldAscii(input.institution));
  if (institution && institution.kind !== input.institutionKind) {
    problems.push(
      problem(line, 'institution_kind', 'error.institution.kindConflict', { name: institution.name, kind: { key: `kind.${institution.kind}` } }),
    );
  } else if (!institution && firstOfInstitution && firstOfInstitution.input.institutionKind !== input.institutionKind) {
    problems.push(
      problem(line, 'institution_kind', 'import.conflict.institutionKind', {
        name: firstOfInstitution.input.institution,
        kind: { key: `kind.${firstOfInstitution.input.institutionKind}` },
        line: firstOfInstitution.line,
      }),
    );
  }

  const firstOfCourse = earlier.byCourse.get(courseKeyOf(input));
  const differing = firstOfCourse ? COURSE_FACTS.filter(([, same]) => !same(firstOfCourse.input, input)).map(([column]) => column) : [];
  if (firstOfCourse && differing.length > 0) {
    problems.push(
      problem(line, differing[0] ?? null, 'import.conflict.course', {
        code: input.courseCode,
        institution: input.institution,
        columns: differing.join(', '),
        line: firstOfCourse.line,
      }),
    );
  }
  return problems;
}

export function planImport(db: Db, rows: readonly PlannedRow[]): Plan {
  const register = registerLookups(db);
  const held = heldPetitions(db, rows);
  const plan: Plan = { toCreate: [], alreadyPresent: [], problems: [], newStudents: 0, newInstitutions: 0, newCourses: 0 };
  const lineOfIdentity = new Map<string, number>();
  const first: FirstRows = { byStudent: new Map(), byInstitution: new Map(), byCourse: new Map() };
  const { byStudent, byInstitution, byCourse } = first;

  for (const row of rows) {
    const identity = identityOf(row.input);
    const firstLine = lineOfIdentity.get(identity);
    if (firstLine !== undefined) {
      plan.problems.push(problem(row.line, null, 'import.duplicateRow', { line: firstLine }));
      continue;
    }
    lineOfIdentity.set(identity, row.line);

    const petitionId = held.get(identity);
    if (petitionId !== undefined) {
      plan.alreadyPresent.push({ ...row, petitionId });
      continue;
    }
    const conflicts = conflictsOf(row, first, register);
    if (conflicts.length > 0) {
      plan.problems.push(...conflicts);
      continue;
    }

    plan.toCreate.push(row);
    const { input } = row;
    if (!byStudent.has(input.studentNumber)) {
      byStudent.set(input.studentNumber, row);
      if (!register.student(input.studentNumber)) plan.newStudents++;
    }
    if (!byInstitution.has(foldAscii(input.institution))) {
      byInstitution.set(foldAscii(input.institution), row);
      if (!register.institution(input.institution)) plan.newInstitutions++;
    }
    if (!byCourse.has(courseKeyOf(input))) {
      byCourse.set(courseKeyOf(input), row);
      if (!register.courseExists(input)) plan.newCourses++;
    }
  }
  return plan;
}
