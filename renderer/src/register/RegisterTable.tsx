// The register's table: every column sorts (on the server), rows are virtualized so 100,000
// petitions scroll as smoothly as 10, and the body is one focus stop whose arrow keys move the
// active row (roving tabindex; the active row stays rendered even when scrolled away).
import { Anchor, Badge, Text, UnstyledButton } from '@mantine/core';
import {
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { isPurgedStudent } from '../../../shared/domain';
import type { Language } from '../../../shared/i18n';
import type { PetitionRow, RegisterSortColumn } from '../../../shared/schemas';
import { formatDate, formatEc } from '../format';
import { currentLanguage } from '../i18n';
import { SeverityBadge } from '../petitions/Findings';
import { StatusBadge } from '../petitions/StatusBadge';
import { firstDirection, type SortDirection } from './viewState';

const features = tableFeatures({ rowSortingFeature });
const helper = createColumnHelper<typeof features, PetitionRow>();

export const ROW_HEIGHT = 48;
export const HEADER_HEIGHT = 40;
/** Start fetching the next page this many rows before the loaded ones run out. */
const PREFETCH_ROWS = 60;

/** Where each view left its active row and scroll position, so Back from a petition returns there. */
const remembered = new Map<string, { active: number; offset: number; focused: boolean }>();

/** A column's id is the service's sort key; dates, EC and findings sort largest first when chosen. */
const sortable = (id: RegisterSortColumn) => ({ id, sortDescFirst: firstDirection(id) === 'desc' });

export const rowDomId = (id: number) => `register-row-${id}`;

interface Props {
  rows: PetitionRow[];
  /** All petitions the view holds, loaded or not. */
  total: number;
  sort: RegisterSortColumn;
  dir: SortDirection;
  onSort(sort: RegisterSortColumn, dir: SortDirection): void;
  /** Identifies the view (its query): a new view starts at the top. */
  viewKey: string;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
  bodyRef: React.RefObject<HTMLTableSectionElement | null>;
  /** A new page or view is on its way. */
  busy: boolean;
}

export function RegisterTable({ rows, total, sort, dir, onSort, viewKey, hasNextPage, isFetchingNextPage, fetchNextPage, bodyRef, busy }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [, navigate] = useLocation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const memory = remembered.get(viewKey);
  const [active, setActive] = useState(() => Math.min(memory?.active ?? 0, Math.max(0, rows.length - 1)));
  const [shownKey, setShownKey] = useState(viewKey);
  if (shownKey !== viewKey) {
    // A new search, filter or sort: the list starts over at its first row.
    setShownKey(viewKey);
    setActive(0);
  }
  const current = Math.min(active, Math.max(0, rows.length - 1));

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('studentNumber', {
          ...sortable('studentNumber'),
          header: () => t('column.studentNumber'),
          cell: (c) => (
            <Anchor component={Link} href={`/petitions/${c.row.original.id}`} tabIndex={-1} size="sm" className="register-mono">
              {c.getValue()}
            </Anchor>
          ),
        }),
        helper.accessor('studentName', {
          ...sortable('name'),
          header: () => t('column.name'),
          cell: (c) => <StudentName name={c.getValue()} studentNumber={c.row.original.studentNumber} />,
        }),
        helper.accessor('courseTitle', {
          ...sortable('course'),
          header: () => t('column.course'),
          cell: (c) => (
            <div className="register-clip">
              <Text size="sm" truncate="end" title={c.getValue()}>
                {c.getValue()}
              </Text>
              <Text size="xs" c="dimmed" truncate="end">
                {c.row.original.courseCode}
              </Text>
            </div>
          ),
        }),
        helper.accessor('institution', {
          ...sortable('institution'),
          header: () => t('column.institution'),
          cell: (c) => (
            <Text size="sm" truncate="end" title={c.getValue()}>
              {c.getValue()}
            </Text>
          ),
        }),
        helper.accessor('ec', { ...sortable('ec'), header: () => t('column.ec'), cell: (c) => formatEc(c.getValue(), lang) }),
        helper.accessor('level', {
          ...sortable('level'),
          header: () => t('column.level'),
          cell: (c) => (
            <Text size="sm" truncate="end">
              {t(`level.${c.getValue()}`)}
            </Text>
          ),
        }),
        helper.accessor('findingSeverity', {
          ...sortable('findings'),
          header: () => t('column.findings'),
          cell: (c) => {
            const severity = c.getValue();
            return severity ? <SeverityBadge severity={severity} /> : null;
          },
        }),
        helper.accessor('status', {
          ...sortable('status'),
          header: () => t('column.status'),
          cell: (c) => (
            <span className="register-clip" title={t(`status.${c.getValue()}`)}>
              <StatusBadge status={c.getValue()} />
            </span>
          ),
        }),
        helper.accessor('submittedOn', {
          ...sortable('submittedOn'),
          header: () => t('column.submittedOn'),
          cell: (c) => <SubmittedOn row={c.row.original} lang={lang} />,
        }),
      ]),
    [t, lang],
  );

  const sorting = useMemo<SortingState>(() => [{ id: sort, desc: dir === 'desc' }], [sort, dir]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSort(first.id as RegisterSortColumn, first.desc ? 'desc' : 'asc');
    },
    [sorting, onSort],
  );
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => String(row.id),
    state: { sorting },
    onSortingChange,
    // The server sorts: the table only keeps the state and the header toggles.
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
  });
  const tableRows = table.getRowModel().rows;

  const keepActive = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (current < range.count && !indexes.includes(current)) {
        indexes.push(current);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [current],
  );
  // The app does not run the React Compiler; the virtualizer's functions are read fresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => tableRows[index]?.id ?? index,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor: keepActive,
    initialOffset: memory?.offset ?? 0,
  });
  const items = virtualizer.getVirtualItems();
  const lastRendered = items.length > 0 ? Math.max(...items.map((item) => item.index)) : -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastRendered >= tableRows.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastRendered, tableRows.length, fetchNextPage]);

  // A new view starts at the top.
  const firstView = useRef(viewKey);
  useEffect(() => {
    if (firstView.current === viewKey) return;
    firstView.current = viewKey;
    virtualizer.scrollToOffset(0);
  }, [viewKey, virtualizer]);

  // Focus follows the active row while the focus is in the body.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !body.contains(document.activeElement)) return;
    body.querySelector<HTMLElement>(`tr[data-index="${current}"]`)?.focus({ preventScroll: true });
  }, [current, bodyRef]);

  // Coming back (Back from a petition): the active row again, focused if it was, once it is rendered.
  const refocus = useRef(memory?.focused ?? false);
  useEffect(() => {
    if (!refocus.current) return;
    const row = bodyRef.current?.querySelector<HTMLElement>('tr[tabindex="0"]');
    if (!row) return;
    refocus.current = false;
    row.focus({ preventScroll: true });
  });
  // Leaving the register: remember where this view was.
  const leaving = useRef({ active: current, viewKey, focused: false });
  useEffect(() => {
    leaving.current = { ...leaving.current, active: current, viewKey };
  });
  useEffect(() => {
    const scroller = scrollRef.current;
    return () => {
      const { active: last, viewKey: key, focused } = leaving.current;
      remembered.set(key, { active: last, offset: scroller?.scrollTop ?? 0, focused });
    };
  }, []);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(index, tableRows.length - 1));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const open = (row: PetitionRow, index: number, fromKeyboard: boolean) => {
    setActive(index);
    leaving.current = { active: index, viewKey, focused: fromKeyboard };
    navigate(`/petitions/${row.id}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || tableRows.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current - 1);
        break;
      case 'PageDown':
        moveTo(current + page);
        break;
      case 'PageUp':
        moveTo(current - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(tableRows.length - 1);
        break;
      case 'Enter': {
        const row = tableRows[current]?.original;
        if (row) open(row, current, true);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, row: PetitionRow, index: number) => {
    if ((event.target as HTMLElement).closest('a, [data-student-link]')) {
      setActive(index);
      leaving.current = { active: index, viewKey, focused: false };
      return;
    }
    open(row, index, false);
  };

  return (
    <div className="register-scroll" ref={scrollRef}>
      <table
        className="register-table"
        role="grid"
        aria-label={t('register.tableLabel')}
        aria-rowcount={total + 1}
        aria-colcount={columns.length}
        aria-readonly="true"
        aria-busy={busy}
        aria-describedby="register-keyboard-hint"
      >
        <thead className="register-head">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} role="row" aria-rowindex={1} className="register-grid-row">
              {group.headers.map((header, col) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    role="columnheader"
                    aria-colindex={col + 1}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className={header.column.id === 'ec' ? 'numeric' : undefined}
                    data-column={header.column.id}
                  >
                    <UnstyledButton className="register-sort" data-sorted={sorted || undefined} onClick={header.column.getToggleSortingHandler()}>
                      <span>
                        <table.FlexRender header={header} />
                      </span>
                      <SortIcon direction={sorted || null} />
                    </UnstyledButton>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody ref={bodyRef} className="register-body" style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            const isActive = item.index === current;
            return (
              <tr
                key={row.id}
                id={rowDomId(row.original.id)}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                data-active={isActive || undefined}
                tabIndex={isActive ? 0 : -1}
                className="register-grid-row register-row"
                style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
                onClick={(event) => onRowClick(event, row.original, item.index)}
                onFocus={() => item.index !== current && setActive(item.index)}
              >
                {row.getAllCells().map((cell, col) => (
                  <td key={cell.id} role="gridcell" aria-colindex={col + 1} className={cell.column.id === 'ec' ? 'numeric' : undefined} data-column={cell.column.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {isFetchingNextPage && (
        <Text size="sm" c="dimmed" className="register-more" role="status">
          {t('register.loadingMore')}
        </Text>
      )}
    </div>
  );
}

/**
 * The student's name opens their page. It is a mouse shortcut, not a second link in the row: the
 * row is one focus stop whose Enter opens the petition, and the petition page links to the
 * student for keyboard and screen-reader users.
 */
function StudentName({ name, studentNumber }: { name: string; studentNumber: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  // A purged student has no page: their personal data is gone.
  if (isPurgedStudent(studentNumber)) {
    return (
      <Text component="span" size="sm" c="dimmed" truncate="end">
        {name}
      </Text>
    );
  }
  return (
    <Text
      component="span"
      size="sm"
      truncate="end"
      className="register-student"
      data-student-link={studentNumber}
      title={t('register.openStudent', { name })}
      onClick={() => navigate(`/students/${studentNumber}`)}
    >
      {name}
    </Text>
  );
}

/** The submission date, and while the petition waits for a decision how long: marked once past the term. */
function SubmittedOn({ row, lang }: { row: PetitionRow; lang: Language }) {
  const { t } = useTranslation();
  const waited = row.waitingDays === null ? null : t('register.days', { count: row.waitingDays });
  return (
    <span className="register-submitted" title={row.waitingDays === null ? undefined : t('register.waiting', { count: row.waitingDays })}>
      {formatDate(row.submittedOn, lang)}
      {waited !== null && (
        // On a line of its own under the date, as the course's code is under its title.
        <span className="register-waited">
          {row.overdue ? (
            <Badge size="xs" color="red" variant="light" radius="sm" tt="none" className="register-overdue-badge">
              {t('register.overdue')} · {waited}
            </Badge>
          ) : (
            <Text span size="xs" c="dimmed" className="register-waiting">
              {waited}
            </Text>
          )}
        </span>
      )}
    </span>
  );
}

function SortIcon({ direction }: { direction: 'asc' | 'desc' | null }) {
  return (
    <svg className="register-sort-icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d="M6 1.5 9.5 5h-7z" opacity={direction === 'asc' ? 1 : direction ? 0.2 : 0.35} fill="currentColor" />
      <path d="M6 10.5 2.5 7h7z" opacity={direction === 'desc' ? 1 : direction ? 0.2 : 0.35} fill="currentColor" />
    </svg>
  );
}
