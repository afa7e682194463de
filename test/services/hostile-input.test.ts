// Hostile input through the API: random and malformed inputs sent to every call along the path the
// UI uses (dispatch: schema parsing, the service, error translation). Every answer is a value or
// a {code, message} sentence — never a crash, never a stack — and a refused call changes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { CALL_NAMES } from '../../shared/api';
import { cleanUp, openTestRegister, petitionForm, type TestRegister } from '../support/register';

let t: TestRegister;

beforeAll(() => {
  t = openTestRegister();
  // Something to point at: ids 1 and 2 exist, so random ids hit real rows now and then.
  for (const studentNumber of ['s1000001', 's1000002']) {
    expect(dispatch(t.ctx, 'petitions.create', petitionForm({ studentNumber }), 'en').ok).toBe(true);
  }
});
afterAll(cleanUp);

/** Every row of every table, to prove a refused call left the register as it was. */
function snapshot(): string {
  const tables = t.register.sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'petition_search%'`)
    .all() as Array<{ name: string }>;
  return JSON.stringify(tables.map(({ name }) => t.register.sqlite.prepare(`SELECT * FROM "${name}"`).all()));
}

const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false }),
  fc.constantFrom(null, undefined, '', 'abc', -1, 0, 1, 2, 1e308, Number.NaN, '7,5', 's1234567', '2024-02-30', "'; DROP TABLE petitions; --", '%', '"', '*', 'AND'),
);
/** Objects shaped like real inputs, with each field replaced by something random. */
const shapedInput = fc.dictionary(
  fc.constantFrom('id', 'petitionId', 'meetingId', 'agendaItemId', 'studentNumber', 'ec', 'level', 'search', 'limit', 'offset', 'csv', 'kind', 'statuses', 'petitionIds', 'outcome', 'decidedOn', '__proto__', 'constructor'),
  anyValue,
);

describe('every call of the contract', () => {
  it.each(CALL_NAMES)('%s answers random input with a value or a sentence, and a refusal changes nothing', (name) => {
    fc.assert(
      fc.property(fc.oneof(anyValue, shapedInput), fc.constantFrom('en' as const, 'nl' as const), (input, lang) => {
        const before = snapshot();
        const result = dispatch(t.ctx, name, input, lang);
        if (result.ok) return;
        expect(result.error.code).not.toBe('internal'); // a fault is a bug, whatever the input
        expect(result.error.message.length).toBeGreaterThan(0);
        expect(result.error.message).not.toMatch(/\n\s+at |SqliteError|TypeError|ZodError|undefined/);
        expect(snapshot()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses call names that are not in the contract, including ones that walk the prototype', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'petitions', 'petitions.delete', '', 42, null]) {
      const result = dispatch(t.ctx, name, {}, 'en');
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
  });
});
