// Every sort of the register, both ways, on a seeded register: a page found by walking the sort's
// index and a page found by gathering the matches and sorting them are the same rows in the same
// order, pages follow on from each other, and walking never sorts (EXPLAIN QUERY PLAN).
import { fillPlaceholders } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerQueries, registerValues } from '../../electron/services/register-view';
import { seedRegister } from '../../electron/services/seed';
import { petitionListQuery, REGISTER_SORT_COLUMNS, type PetitionListQuery, type PetitionRow } from '../../shared/schemas';
import { ok } from '../support/meetings';
import { cleanUp, openTestRegister, type TestRegister } from '../support/register';

let t: TestRegister;
beforeAll(() => {
  t = openTestRegister();
  seedRegister(t.ctx, { petitions: 400, seed: 7 });
});
afterAll(cleanUp);

const clock = { today: '2026-11-30', termWeeks: 8 };

/** The page's ids as one mode or the other finds them. */
function page(input: Partial<PetitionListQuery>, gather: boolean): number[] {
  const query = petitionListQuery.parse(input);
  const { rows } = registerQueries(t.register.db, query, gather);
  const values = fillPlaceholders(rows.params, registerValues(query, clock));
  return (t.register.sqlite.prepare(rows.sql).raw(true).all(...values) as unknown[][]).map((row) => row[0] as number);
}

function plan(input: Partial<PetitionListQuery>, gather: boolean): string[] {
  const query = petitionListQuery.parse(input);
  const { rows } = registerQueries(t.register.db, query, gather);
  const values = fillPlaceholders(rows.params, registerValues(query, clock));
  const steps = t.register.sqlite.prepare(`EXPLAIN QUERY PLAN ${rows.sql}`).all(...values) as Array<{ id: number; parent: number; detail: string }>;
  const inPage = new Set<number>();
  for (const step of steps) if ((step.parent === 0 && /^LIST SUBQUERY/.test(step.detail)) || inPage.has(step.parent)) inPage.add(step.id);
  return steps.filter((step) => inPage.has(step.id) && step.parent !== 0 && !/SUBQUERY/.test(step.detail)).map((step) => step.detail);
}

/** ASCII case folded, as SQLite's NOCASE does. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

const firstKey: Record<(typeof REGISTER_SORT_COLUMNS)[number], (row: PetitionRow) => string | number> = {
  studentNumber: (r) => r.studentNumber,
  name: (r) => nocase(r.studentName.split(' ').slice(1).join(' ')),
  course: (r) => nocase(r.courseTitle),
  institution: (r) => nocase(r.institution),
  ec: (r) => r.ec,
  level: (r) => ({ '100': 1, '200': 2, introductory: 2, '300': 3, advanced: 3, '400': 4, master: 4, '500': 5 } as Record<string, number>)[String(r.level)] ?? 6,
  findings: (r) => (r.findingSeverity === null ? 0 : { error: 3, warning: 2, info: 1 }[r.findingSeverity]),
  status: (r) => r.status,
  submittedOn: (r) => r.submittedOn,
};

describe.each(REGISTER_SORT_COLUMNS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => [sort, direction] as const)))(
  'sorted by %s %s',
  (sort, direction) => {
    it('walks and gathers the same rows in the same order, page after page', () => {
      const whole = { sort, direction, limit: 500 };
      const walked = page(whole, false);
      expect(walked).toHaveLength(400);
      expect(page(whole, true)).toEqual(walked);
      const paged = [0, 1, 2, 3].flatMap((n) => page({ sort, direction, limit: 100, offset: n * 100 }, n % 2 === 0));
      expect(paged).toEqual(walked);
    });

    it('puts the rows in the order of the column, as the service returns them', () => {
      const { rows } = ok(t, 'petitions.list', { sort, direction, limit: 500 });
      const keys = rows.map(firstKey[sort]);
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys).toEqual(direction === 'asc' ? sorted : sorted.reverse());
    });

    it('walks an index without sorting', () => {
      const steps = plan({ sort, direction }, false);
      expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
      expect(steps.filter((step) => /^SCAN/.test(step) && !/USING (COVERING )?INDEX/.test(step))).toEqual([]);
    });
  },
);

describe('gathering', () => {
  it('starts from the search hits and sorts only them', () => {
    const steps = plan({ search: 'zoe', sort: 'name', direction: 'asc' }, true);
    expect(steps[0]).toBe('SEARCH petitions USING INTEGER PRIMARY KEY (rowid=?)');
    expect(steps.join('\n')).toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it('is chosen when few petitions pass the filters, walking when many do', () => {
    const few = ok(t, 'petitions.list', { search: 'zoe', sort: 'name', direction: 'asc' });
    expect(few.rows.map((r) => r.id)).toEqual(page({ search: 'zoe', sort: 'name', direction: 'asc' }, false));
    expect(few.rows.every((r) => /zo[eë]/i.test(`${r.studentName} ${r.courseTitle} ${r.institution}`))).toBe(true);
  });
});
