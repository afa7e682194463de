// The register's toolbar: the search box (debounced, `/` focuses it) and the filters. Every change
// goes to the address at once; the search waits until the typing pauses.
import { Button, CloseButton, Group, Kbd, Loader, MultiSelect, Pill, Select, Switch, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { PETITION_STATUSES, type PetitionStatus } from '../../../shared/domain';
import { academicYear, INSTITUTION_KINDS, type InstitutionKind } from '../../../shared/rules';
import { REGISTER_STAGES, type RegisterStage } from '../../../shared/schemas';
import { call } from '../api/client';
import type { RegisterViewState } from './viewState';

/** How many academic years the year filter offers, counting back from the current one. */
const YEARS = 8;
const SEARCH_DELAY_MS = 200;

interface Props {
  view: RegisterViewState;
  onChange(change: Partial<RegisterViewState>): void;
  onClear(): void;
  filtered: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
  /** ArrowDown in the search box moves on to the list. */
  onLeaveSearch(): void;
  busy: boolean;
}

export function RegisterToolbar({ view, onChange, onClear, filtered, searchRef, onLeaveSearch, busy }: Props) {
  const { t } = useTranslation();
  // The box shows what is typed at once; the address (and so the query) follows after a pause.
  const [text, setText] = useState(view.search);
  const [shown, setShown] = useState(view.search);
  if (view.search !== shown) {
    // The view changed from outside the box (clear filters, a link): show it.
    setShown(view.search);
    if (view.search !== text) setText(view.search);
  }
  const commit = useDebouncedCallback((value: string) => onChange({ search: value }), SEARCH_DELAY_MS);
  const type = (value: string) => {
    setText(value);
    commit(value);
  };

  const years = useMemo(() => {
    const current = academicYear(new Date().toISOString().slice(0, 10)).startYear;
    return Array.from({ length: YEARS }, (_, i) => {
      const start = current - i;
      return { value: String(start), label: academicYear(`${start}-09-01`).label };
    });
  }, []);
  const yearData = view.year !== null && !years.some((y) => y.value === String(view.year))
    ? [...years, { value: String(view.year), label: academicYear(`${view.year}-09-01`).label }]
    : years;

  const meetings = useQuery({ queryKey: ['meetings.list'], queryFn: () => call('meetings.list', {}) });
  const meetingData = (meetings.data ?? []).map((m) => ({ value: String(m.id), label: `${t(`meetings.body.${m.body}`)} ${m.heldOn}` }));
  if (view.meeting !== null && !meetingData.some((m) => m.value === String(view.meeting))) {
    meetingData.push({ value: String(view.meeting), label: `#${view.meeting}` });
  }

  return (
    <Group gap="sm" align="flex-end" className="register-toolbar" role="search" aria-label={t('register.search')}>
      <TextInput
        ref={searchRef}
        className="register-search"
        label={t('register.search')}
        placeholder={t('register.search.placeholder')}
        type="search"
        value={text}
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        leftSection={busy ? <Loader size={14} /> : <SearchIcon />}
        rightSection={
          text ? (
            <CloseButton size="sm" aria-label={t('register.search.clear')} onClick={() => { type(''); searchRef.current?.focus(); }} />
          ) : (
            <Kbd size="xs" aria-hidden="true">
              /
            </Kbd>
          )
        }
        onChange={(event) => type(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text) {
            event.preventDefault();
            type('');
          } else if (event.key === 'ArrowDown') {
            event.preventDefault();
            onLeaveSearch();
          } else if (event.key === 'Enter') {
            // Search now rather than after the pause.
            commit.flush();
          }
        }}
      />
      <CompactMultiSelect<PetitionStatus>
        label={t('register.filter.status')}
        placeholder={t('register.filter.anyStatus')}
        values={view.statuses}
        data={PETITION_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        onChange={(statuses) => onChange({ statuses })}
        width={200}
      />
      <CompactMultiSelect<InstitutionKind>
        label={t('register.filter.kind')}
        placeholder={t('register.filter.anyKind')}
        values={view.kinds}
        data={INSTITUTION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
        onChange={(kinds) => onChange({ kinds })}
        width={200}
      />
      <Select
        label={t('register.filter.year')}
        placeholder={t('register.filter.anyYear')}
        data={yearData}
        value={view.year === null ? null : String(view.year)}
        onChange={(value) => onChange({ year: value === null ? null : Number(value) })}
        clearable
        allowDeselect
        w={120}
        comboboxProps={{ width: 160, position: 'bottom-start' }}
      />
      <CompactMultiSelect<RegisterStage>
        label={t('register.filter.stage')}
        placeholder={t('register.filter.anyStage')}
        values={view.stages}
        data={REGISTER_STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }))}
        onChange={(stages) => onChange({ stages })}
        width={200}
      />
      <Select
        label={t('register.filter.meeting')}
        placeholder={t('register.filter.anyMeeting')}
        data={meetingData}
        value={view.meeting === null ? null : String(view.meeting)}
        onChange={(value) => onChange({ meeting: value === null ? null : Number(value) })}
        clearable
        allowDeselect
        searchable
        w={180}
        comboboxProps={{ width: 260, position: 'bottom-start' }}
      />
      <Switch
        className="register-errors"
        label={t('register.filter.errors')}
        checked={view.errors}
        onChange={(event) => onChange({ errors: event.currentTarget.checked })}
      />
      <Switch
        className="register-overdue"
        label={t('register.filter.overdue')}
        checked={view.overdue}
        onChange={(event) => onChange({ overdue: event.currentTarget.checked })}
      />
      {filtered && (
        <Button variant="subtle" onClick={onClear} className="register-clear">
          {t('register.filter.clear')}
        </Button>
      )}
    </Group>
  );
}

/** A multi-select that stays one line high: the first choice as a pill, the rest as "+2". */
function CompactMultiSelect<V extends string>({
  label,
  placeholder,
  values,
  data,
  onChange,
  width,
}: {
  label: string;
  placeholder: string;
  values: V[];
  data: Array<{ value: V; label: string }>;
  onChange(values: V[]): void;
  width: number;
}) {
  return (
    <MultiSelect
      label={label}
      placeholder={values.length === 0 ? placeholder : undefined}
      data={data}
      value={values}
      onChange={(next) => onChange(data.map((d) => d.value).filter((v) => next.includes(v)))}
      w={width}
      comboboxProps={{ width: 280, position: 'bottom-start' }}
      classNames={{ pillsList: 'register-pills' }}
      renderPill={({ value, option, onRemove }) => {
        const index = values.indexOf(value as V);
        if (index === 0) {
          return (
            <Pill key={String(value)} withRemoveButton onRemove={onRemove} className="register-pill" title={option.label}>
              {option.label}
            </Pill>
          );
        }
        if (index === 1) {
          return (
            <Pill key="more" className="register-pill-more">
              +{values.length - 1}
            </Pill>
          );
        }
        return null;
      }}
    />
  );
}

function SearchIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="m10.5 10.5 3.5 3.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
