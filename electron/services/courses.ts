// Courses the register knows, searched by code or title for the petition form.
import { parseLevel } from '../../shared/rules';
import type { CourseSuggestion } from '../../shared/courses';
import type { ServiceContext } from './context';

interface Row {
  id: number;
  code: string;
  title: string;
  ec: number;
  level: string;
  honours: number;
  institution: string;
  institutionKind: CourseSuggestion['institutionKind'];
  country: string;
}

/** LIKE with the query taken literally: %, _ and the escape character itself match only themselves. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function searchCourses(ctx: ServiceContext, { query }: { query: string }): CourseSuggestion[] {
  const text = query.trim();
  if (text === '') return [];
  const pattern = `%${likeLiteral(text)}%`;
  const prefix = `${likeLiteral(text)}%`;
  // LIKE folds ASCII case only; course codes and titles are short enough to scan (courses are few).
  const rows = ctx.register.sqlite
    .prepare(
      `SELECT c.id, c.code, c.title, c.ec, c.level, c.honours, i.name AS institution, i.kind AS institutionKind, i.country
         FROM courses c JOIN institutions i ON i.id = c.institution_id
        WHERE c.code LIKE @pattern ESCAPE '\\' OR c.title LIKE @pattern ESCAPE '\\'
        ORDER BY (c.code LIKE @prefix ESCAPE '\\') DESC, c.code COLLATE NOCASE, i.name COLLATE NOCASE
        LIMIT 20`,
    )
    .all({ pattern, prefix }) as Row[];
  return rows.map((r) => ({ ...r, level: parseLevel(r.level), honours: r.honours === 1 }));
}
