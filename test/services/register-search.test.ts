// The register's search box on a real register: accents folded by the index, the letters it
// cannot fold (Ł, Ø, ß, …) folded on both sides, and operators and quotes read literally.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldForSearch, SEARCH_FOLDS } from '../../shared/search';
import { newPetition, ok } from '../support/meetings';
import { cleanUp, openTestRegister, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

const found = (search: string) => ok(t, 'petitions.list', { search }).rows.map((r) => r.id);

describe('the search box', () => {
  it('finds names without their accents and without the letters of their own alphabet', () => {
    const lukasz = newPetition(t, { givenName: 'Łukasz', familyName: 'Wiśniewski' });
    const oyvind = newPetition(t, { givenName: 'Øyvind', familyName: 'Ødegård' });
    const zoe = newPetition(t, { givenName: 'Zoë', familyName: 'Ærø' });
    const strasse = newPetition(t, { courseTitle: 'Kunst an der Straße', givenName: 'Đorđe', familyName: 'Þórsson' });
    expect(found('Lukasz')).toEqual([lukasz]);
    expect(found('łukasz wisniewski')).toEqual([lukasz]);
    expect(found('Oyvind Odegard')).toEqual([oyvind]);
    expect(found('Øyvind')).toEqual([oyvind]);
    expect(found('zoe aero')).toEqual([zoe]);
    expect(found('strasse')).toEqual([strasse]);
    expect(found('Dorde Thorsson')).toEqual([strasse]);
    expect(found('Lukas')).toEqual([lukasz]); // every word is a prefix
    expect(found('Lukasz Odegard')).toEqual([]);
  });

  it('reads quotes, wildcards and search operators as text, never as an error', () => {
    const id = newPetition(t, { courseTitle: 'Art AND Science: "Media" 100% *new*' });
    for (const search of ['"', "'", '%', '*', 'AND', 'art AND', 'NEAR(art science)', '"media"', '100%', '-art', 'art OR x']) {
      const result = ok(t, 'petitions.list', { search });
      expect(result.total, search).toBe(result.rows.length);
    }
    expect(found('art AND science')).toEqual([id]);
    expect(found('100%')).toEqual([id]);
    expect(found('%')).toEqual([id]);
  });
});

describe('the search index', () => {
  it('folds every letter shared/search.ts folds, as the migration spells them out', () => {
    const letters = SEARCH_FOLDS.map(([letter]) => letter).join('');
    const id = newPetition(t, { givenName: `X${letters}`, familyName: 'Y' });
    const body = (t.register.sqlite.prepare('SELECT body FROM petition_search WHERE rowid = ?').get(id) as { body: string }).body;
    expect(body).toContain(`X${foldForSearch(letters)} Y`);
    expect(body).not.toMatch(new RegExp(`[${letters}]`, 'u'));
  });
});
