// The register's view (search, filters, sort) lives in the address, after the `?` inside the hash:
// #/?q=zoe&status=submitted,in_progress&kind=applied_sciences&year=2025&errors=1&overdue=1&stage=advised&meeting=4&sort=name&dir=asc
// so a view survives a reload and Back from a petition returns to it. wouter's useSearch reads the
// page's real query string (before the hash), and its hash navigate moves a `?` there too, so this
// small hook reads and writes the hash's own query instead.
import { useSyncExternalStore } from 'react';
import { PETITION_STATUSES, type PetitionStatus } from '../../../shared/domain';
import { INSTITUTION_KINDS, type InstitutionKind } from '../../../shared/rules';
import { REGISTER_SORT_COLUMNS, REGISTER_STAGES, type PetitionListQuery, type RegisterSortColumn, type RegisterStage } from '../../../shared/schemas';

export type SortDirection = 'asc' | 'desc';

export interface RegisterViewState {
  search: string;
  statuses: PetitionStatus[];
  kinds: InstitutionKind[];
  /** The start year of an academic year: 2025 is 25-26. */
  year: number | null;
  errors: boolean;
  /** Waiting for a decision longer than the decision term. */
  overdue: boolean;
  stages: RegisterStage[];
  /** Petitions on this meeting's agenda. */
  meeting: number | null;
  sort: RegisterSortColumn;
  dir: SortDirection;
}

export const DEFAULT_SORT: RegisterSortColumn = 'submittedOn';
export const DEFAULT_DIRECTION: SortDirection = 'desc';

/** The direction a column sorts in when first chosen: newest, largest and most severe first; text from A. */
export function firstDirection(sort: RegisterSortColumn): SortDirection {
  return sort === 'submittedOn' || sort === 'ec' || sort === 'findings' ? 'desc' : 'asc';
}

const SEARCH_MAX = 200;

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const picked = value.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return allowed.filter((v) => picked.includes(v));
}

/** Reads a view from the hash's query; anything unknown or malformed falls back to the default. */
export function parseView(query: string): RegisterViewState {
  const params = new URLSearchParams(query);
  const yearText = params.get('year') ?? '';
  const year = /^\d{4}$/.test(yearText) && Number(yearText) >= 1990 && Number(yearText) <= 2100 ? Number(yearText) : null;
  const meetingText = params.get('meeting') ?? '';
  const sortText = params.get('sort');
  const sort = (REGISTER_SORT_COLUMNS as readonly string[]).includes(sortText ?? '') ? (sortText as RegisterSortColumn) : DEFAULT_SORT;
  const dirText = params.get('dir');
  const dir = dirText === 'asc' || dirText === 'desc' ? dirText : sortText === null ? DEFAULT_DIRECTION : firstDirection(sort);
  return {
    search: (params.get('q') ?? '').slice(0, SEARCH_MAX),
    statuses: list(params.get('status'), PETITION_STATUSES),
    kinds: list(params.get('kind'), INSTITUTION_KINDS),
    year,
    errors: params.get('errors') === '1',
    overdue: params.get('overdue') === '1',
    stages: list(params.get('stage'), REGISTER_STAGES),
    meeting: /^[1-9]\d{0,9}$/.test(meetingText) ? Number(meetingText) : null,
    sort,
    dir,
  };
}

/** Writes a view as a query, leaving defaults out: the plain register is just `#/`. */
export function formatView(view: RegisterViewState): string {
  const parts: string[] = [];
  if (view.search !== '') parts.push(`q=${encodeURIComponent(view.search)}`);
  if (view.statuses.length > 0) parts.push(`status=${view.statuses.join(',')}`);
  if (view.kinds.length > 0) parts.push(`kind=${view.kinds.join(',')}`);
  if (view.year !== null) parts.push(`year=${view.year}`);
  if (view.errors) parts.push('errors=1');
  if (view.overdue) parts.push('overdue=1');
  if (view.stages.length > 0) parts.push(`stage=${view.stages.join(',')}`);
  if (view.meeting !== null) parts.push(`meeting=${view.meeting}`);
  if (view.sort !== DEFAULT_SORT || view.dir !== DEFAULT_DIRECTION) parts.push(`sort=${view.sort}`, `dir=${view.dir}`);
  return parts.join('&');
}

export function hasFilters(view: RegisterViewState): boolean {
  return view.search.trim() !== '' || view.statuses.length > 0 || view.kinds.length > 0 || view.year !== null || view.errors || view.overdue || view.stages.length > 0 || view.meeting !== null;
}

/** The service's query for a view (without the page's limit and offset). */
export function listQuery(view: RegisterViewState): Omit<PetitionListQuery, 'limit' | 'offset'> {
  return {
    search: view.search.trim(),
    statuses: view.statuses,
    institutionKinds: view.kinds,
    academicYear: view.year,
    hasErrors: view.errors,
    overdue: view.overdue,
    stages: view.stages,
    meetingId: view.meeting,
    sort: view.sort,
    direction: view.dir,
  };
}

function hashQuery(): string {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return at < 0 ? '' : hash.slice(at + 1);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

/** The query part of the hash (after `?`), kept current across navigation. */
export function useHashQuery(): string {
  return useSyncExternalStore(subscribe, hashQuery, () => '');
}

/** The register's address for a view, as an href: `#/` or `#/?q=…`. */
export function registerHref(query: string): string {
  return `#/${query ? `?${query}` : ''}`;
}

/**
 * Changes the view in place (no new history entry: Back leaves the register rather than undoing
 * each keystroke), and tells the router, which listens for hashchange, as wouter's navigate does.
 */
export function updateView(change: Partial<RegisterViewState>): void {
  const next = formatView({ ...parseView(hashQuery()), ...change });
  const oldURL = window.location.href;
  const url = new URL(oldURL);
  url.hash = registerHref(next).slice(1);
  if (url.href === oldURL) return;
  window.history.replaceState(window.history.state, '', url);
  window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: url.href }));
}

/** The view the register last showed, so a page that leads back to it can link to that view. */
let lastQuery = '';
export function rememberRegisterQuery(query: string): void {
  lastQuery = query;
}
export function lastRegisterHref(): string {
  return registerHref(lastQuery);
}
