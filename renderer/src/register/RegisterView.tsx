// The secretary's home screen: one search box, a few filters, and every petition of the register
// in one virtualized, server-sorted table. The whole view lives in the address (see viewState.ts).
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PetitionRow } from '../../../shared/schemas';
import { call } from '../api/client';
import { currentLanguage } from '../i18n';
import { ImportModal } from '../import/ImportModal';
import { PetitionFormModal } from '../petitions/PetitionFormModal';
import { RegisterTable } from './RegisterTable';
import { RegisterToolbar } from './RegisterToolbar';
import { formatView, hasFilters, listQuery, parseView, rememberRegisterQuery, updateView, useHashQuery, type RegisterViewState } from './viewState';
import './register.css';

export const PAGE_SIZE = 200;
const EMPTY: PetitionRow[] = [];

export function RegisterView() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [formOpen, form] = useDisclosure(false);
  const [importOpen, importer] = useDisclosure(false);
  // The same query as the header's banner: answered from the cache.
  const readOnly = useQuery({ queryKey: ['register.info'], queryFn: () => call('register.info', {}) }).data?.readOnly ?? false;
  const hashQuery = useHashQuery();
  const view = useMemo(() => parseView(hashQuery), [hashQuery]);
  const query = useMemo(() => listQuery(view), [view]);
  const viewKey = useMemo(() => formatView({ ...view, search: query.search }), [view, query.search]);
  const searchRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  useEffect(() => rememberRegisterQuery(formatView(view)), [view]);

  const list = useInfiniteQuery({
    queryKey: ['petitions.list', query],
    queryFn: ({ pageParam }) => call('petitions.list', { ...query, limit: PAGE_SIZE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.rows.length, 0);
      return loaded < last.total && last.rows.length > 0 ? loaded : undefined;
    },
    // While a new search or filter loads, the previous rows stay instead of a blank table.
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.rows) ?? EMPTY, [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  const { fetchNextPage: fetchNext } = list;
  const fetchNextPage = useCallback(() => void fetchNext(), [fetchNext]);

  const change = useCallback((next: Partial<RegisterViewState>) => updateView(next), []);
  const clearFilters = useCallback(() => {
    updateView({ search: '', statuses: [], kinds: [], year: null, errors: false, stages: [], meeting: null });
  }, []);
  const filtered = hasFilters(view);

  // `/` anywhere focuses the search, unless the user is typing in a field or a dialog is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const focusTable = useCallback(() => {
    bodyRef.current?.querySelector<HTMLElement>('tr[tabindex="0"]')?.focus();
  }, []);

  return (
    // While the form is open the register behind it is inert: out of the tab order and hidden from
    // assistive technology, so the form's "Institution kind" is the only one there is.
    <Stack gap="sm" className="register-view" data-busy={list.isFetching} inert={formOpen || importOpen} aria-hidden={formOpen || importOpen || undefined}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2}>{t('register.title')}</Title>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="register-count">
            {list.data ? t('register.total', { count: total, n: total.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB') }) : '\u00a0'}
          </Text>
        </div>
        <Group gap="sm" wrap="nowrap" title={readOnly ? t('register.readOnly.title') : undefined}>
          {/* A read-only register takes no new petitions: the buttons say so rather than lead to a refusal. */}
          <Button variant="default" onClick={importer.open} disabled={readOnly}>
            {t('importUi.open')}
          </Button>
          <Button onClick={form.open} disabled={readOnly}>
            {t('register.newPetition')}
          </Button>
        </Group>
      </Group>

      <RegisterToolbar
        view={view}
        onChange={change}
        onClear={clearFilters}
        filtered={filtered}
        searchRef={searchRef}
        onLeaveSearch={focusTable}
        busy={list.isFetching && !list.isFetchingNextPage}
      />

      {list.isError && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      {list.isPending && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text>{t('register.loading')}</Text>
        </Group>
      )}
      {list.data && total === 0 && (
        <Paper withBorder p="xl" className="register-empty">
          {filtered ? (
            <Stack gap="xs" align="flex-start">
              <Text fw={600}>{t('register.noMatch')}</Text>
              <Text size="sm" c="dimmed">
                {t('register.noMatch.hint')}
              </Text>
              <Button variant="default" size="sm" mt="xs" onClick={clearFilters}>
                {t('register.filter.clear')}
              </Button>
            </Stack>
          ) : (
            <Text c="dimmed">{t('register.empty')}</Text>
          )}
        </Paper>
      )}
      {list.data && total > 0 && (
        <Paper withBorder className="register-frame">
          <RegisterTable
            rows={rows}
            total={total}
            sort={view.sort}
            dir={view.dir}
            onSort={(sort, dir) => change({ sort, dir })}
            viewKey={viewKey}
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={fetchNextPage}
            bodyRef={bodyRef}
            busy={list.isFetching}
          />
        </Paper>
      )}
      {list.data && total > 0 && (
        <Text size="xs" c="dimmed" id="register-keyboard-hint">
          {t('register.keyboardHint')}
        </Text>
      )}
      <PetitionFormModal opened={formOpen} onClose={form.close} />
      <ImportModal opened={importOpen} onClose={importer.close} />
    </Stack>
  );
}

/** Input types that take no typed text: a `/` pressed on them is a shortcut, not a character. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('[role="dialog"]')) return true;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
