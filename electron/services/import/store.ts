// Storing an import's rows. The same steps as the petition service's storePetition (petitions.ts),
// row by row, with the same audit rows and the same refusals, but on SQLite statements prepared
// once per import: building and preparing a query costs more than running it, and a file of a
// thousand rows would otherwise build some ten thousand. Keep the two in step.
import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { PetitionInput } from '../../../shared/schemas';
import type { ServiceContext } from '../context';
import { sameName, snapshot, type Tx } from '../petitions';
import { refreshFindingsForCourse } from '../findings';

type Snapshot = Record<string, unknown> | null;

interface StudentRow {
  id: number;
  givenName: string;
  familyName: string;
  email: string;
}

interface InstitutionRow {
  id: number;
  name: string;
  country: string;
  kind: PetitionInput['institutionKind'];
}

interface CourseRow {
  id: number;
  code: string;
  title: string;
  ec: number;
  level: string;
  honours: number;
}


/** The statements of one import, on the connection of its transaction. */
function statementsOf(ctx: ServiceContext) {
  const { sqlite } = ctx.register;
  return {
    audit: sqlite.prepare(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    student: sqlite.prepare(
      'SELECT id, given_name AS givenName, family_name AS familyName, email FROM students WHERE student_number = ?',
    ) as Statement<[string], StudentRow>,
    createStudent: sqlite.prepare(
      'INSERT INTO students (student_number, given_name, family_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    updateStudent: sqlite.prepare('UPDATE students SET given_name = ?, family_name = ?, email = ?, updated_at = ? WHERE id = ?'),
    institutions: sqlite.prepare('SELECT id, name, country, kind FROM institutions') as Statement<[], InstitutionRow>,
    createInstitution: sqlite.prepare(
      'INSERT INTO institutions (name, country, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ),
    updateInstitutionCountry: sqlite.prepare('UPDATE institutions SET country = ?, updated_at = ? WHERE id = ?'),
    course: sqlite.prepare(
      'SELECT id, code, title, ec, level, honours FROM courses WHERE institution_id = ? AND code = ?',
    ) as Statement<[number, string], CourseRow>,
    createCourse: sqlite.prepare(
      'INSERT INTO courses (institution_id, code, title, ec, level, honours, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    updateCourse: sqlite.prepare('UPDATE courses SET title = ?, ec = ?, level = ?, honours = ?, updated_at = ? WHERE id = ?'),
    createPetition: sqlite.prepare(
      `INSERT INTO petitions (student_id, course_id, course_start_date, submitted_on, motivation, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?)`,
    ),
  };
}

/**
 * A writer of new petitions for one import, inside its transaction: what storePetition(tx, ctx,
 * input, { refresh: false }) does for each row, and returns the same ids. Findings are left to
 * the caller, once per student after the last row.
 */
export function petitionStore(tx: Tx, ctx: ServiceContext): (input: PetitionInput) => { id: number; studentId: number } {
  const s = statementsOf(ctx);
  const idOf = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);

  // writeAudit (audit.ts), with the JSON columns encoded as drizzle encodes them.
  const audit = (entry: { action: string; entity: string; entityId: number | null; before: Snapshot; after: Snapshot }) => {
    s.audit.run(
      ctx.now().toISOString(),
      ctx.actor,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
    );
  };

  // studentFor (petitions.ts) for a new petition.
  const studentFor = (input: PetitionInput): number => {
    const now = ctx.now().toISOString();
    const found = s.student.get(input.studentNumber);
    const fields = { givenName: input.givenName, familyName: input.familyName, email: input.email };
    if (!found) {
      const id = idOf(s.createStudent.run(input.studentNumber, fields.givenName, fields.familyName, fields.email, now, now));
      audit({ action: 'create', entity: 'student', entityId: id, before: null, after: { studentNumber: input.studentNumber, ...fields } });
      return id;
    }
    if (!(sameName(found.givenName, input.givenName) && sameName(found.familyName, input.familyName))) {
      throw new AppError(
        'student_conflict',
        'error.student.conflict',
        { studentNumber: input.studentNumber, name: `${found.givenName} ${found.familyName}` },
        { studentNumber: 'error.student.conflict' },
      );
    }
    const before = { givenName: found.givenName, familyName: found.familyName, email: found.email };
    if (JSON.stringify(before) !== JSON.stringify(fields)) {
      s.updateStudent.run(fields.givenName, fields.familyName, fields.email, now, found.id);
      audit({ action: 'update', entity: 'student', entityId: found.id, before, after: fields });
    }
    return found.id;
  };

  // The institutions change only by this import's own writes, which forget the list read before.
  let institutions: InstitutionRow[] | null = null;

  // institutionFor (petitions.ts): matched on the name in full Unicode, regardless of case.
  const institutionFor = (input: PetitionInput): number => {
    const now = ctx.now().toISOString();
    const wanted = input.institution.toLocaleLowerCase();
    institutions ??= s.institutions.all();
    const found = institutions.find((institution) => institution.name.toLocaleLowerCase() === wanted);
    if (!found) {
      institutions = null;
      const country = input.country ?? '';
      const id = idOf(s.createInstitution.run(input.institution, country, input.institutionKind, now, now));
      audit({
        action: 'create',
        entity: 'institution',
        entityId: id,
        before: null,
        after: { name: input.institution, country: input.country, kind: input.institutionKind },
      });
      return id;
    }
    if (found.kind !== input.institutionKind) {
      throw new AppError(
        'institution_conflict',
        'error.institution.kindConflict',
        { name: found.name, kind: { key: `kind.${found.kind}` } },
        { institutionKind: 'error.institution.kindConflict' },
      );
    }
    if (input.country && input.country !== found.country) {
      institutions = null;
      s.updateInstitutionCountry.run(input.country, now, found.id);
      audit({ action: 'update', entity: 'institution', entityId: found.id, before: { country: found.country }, after: { country: input.country } });
    }
    return found.id;
  };

  // courseFor (petitions.ts) for a new petition: course facts typed on it correct the course.
  const courseFor = (input: PetitionInput): number => {
    const now = ctx.now().toISOString();
    const institutionId = institutionFor(input);
    const fields = { title: input.courseTitle, ec: input.ec, level: String(input.level), honours: input.honours ?? false };
    const factsOf = (c: { title: string; ec: number; level: string; honours: boolean }) =>
      JSON.stringify({ title: c.title, ec: c.ec, level: c.level, honours: c.honours });
    const row = s.course.get(institutionId, input.courseCode);
    if (!row) {
      const id = idOf(
        s.createCourse.run(institutionId, input.courseCode, fields.title, fields.ec, fields.level, fields.honours ? 1 : 0, now, now),
      );
      audit({ action: 'create', entity: 'course', entityId: id, before: null, after: { institutionId, code: input.courseCode, ...fields } });
      return id;
    }
    const found = { ...row, honours: Boolean(row.honours) };
    if (factsOf(found) === factsOf(fields)) return found.id;
    const before = { title: found.title, ec: found.ec, level: found.level, honours: found.honours };
    s.updateCourse.run(fields.title, fields.ec, fields.level, fields.honours ? 1 : 0, now, found.id);
    audit({ action: 'update', entity: 'course', entityId: found.id, before, after: fields });
    refreshFindingsForCourse(tx, found.id);
    return found.id;
  };

  return (input) => {
    const studentId = studentFor(input);
    const courseId = courseFor(input);
    const now = ctx.now().toISOString();
    const id = idOf(s.createPetition.run(studentId, courseId, input.courseStartDate ?? null, input.submittedOn, input.motivation ?? '', now, now));
    audit({ action: 'create', entity: 'petition', entityId: id, before: null, after: snapshot(input, 'submitted') });
    return { id, studentId };
  };
}
