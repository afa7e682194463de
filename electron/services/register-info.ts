import { count } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { auditLog, courses, decisions, institutions, petitions, students } from '../../db/schema';
import type { RegisterInfo } from '../../shared/schemas';
import type { ServiceContext } from './context';

export function registerInfo(ctx: ServiceContext): RegisterInfo {
  const { db, path, schemaVersion, readOnly } = ctx.register;
  const rows = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()?.n ?? 0;
  return {
    path,
    schemaVersion,
    readOnly,
    counts: {
      petitions: rows(petitions),
      students: rows(students),
      institutions: rows(institutions),
      courses: rows(courses),
      decisions: rows(decisions),
      auditRows: rows(auditLog),
    },
  };
}
