import { Autocomplete, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CourseSuggestion } from '../../../shared/courses';
import { call } from '../api/client';

interface Props {
  value: string;
  onChange(value: string): void;
  /** A course the register knows was chosen: the form fills its facts. */
  onPick(course: CourseSuggestion): void;
  onBlur(): void;
  error?: string | undefined;
}

/** The key of a suggestion: a code may exist at several institutions, so the code alone is not unique. */
const keyOf = (c: CourseSuggestion) => `${c.id}\u2063${c.code}`;

const labelOf = (c: CourseSuggestion) => `${c.code} — ${c.title} (${c.institution})`;

/** Course code, typed freely or chosen from the courses the register knows (by code or title). */
export function CourseCodeField({ value, onChange, onPick, onBlur, error }: Props) {
  const { t } = useTranslation();
  const [query] = useDebouncedValue(value.trim(), 200);
  const found = useQuery({
    queryKey: ['courses.search', query],
    queryFn: () => call('courses.search', { query }),
    enabled: query.length > 0,
    staleTime: 10_000,
  });
  const courses = query.length > 0 ? (found.data ?? []) : [];
  const byKey = new Map(courses.map((c) => [keyOf(c), c]));
  // Choosing an option puts its label in the box (the code is unique per institution, so the label per course).
  const byLabel = new Map(courses.map((c) => [labelOf(c), c]));
  return (
    <Autocomplete
      label={t('field.courseCode')}
      withAsterisk
      value={value}
      onChange={(next) => {
        const picked = byLabel.get(next) ?? byKey.get(next);
        if (picked) onPick(picked);
        else onChange(next);
      }}
      onBlur={onBlur}
      error={error}
      data={courses.map((c) => ({ value: keyOf(c), label: labelOf(c) }))}
      filter={({ options }) => options}
      limit={20}
      renderOption={({ option }) => {
        const c = byKey.get(option.value);
        if (!c) return option.value;
        return (
          <div>
            <Text size="sm" fw={500}>
              {c.code} — {c.title}
            </Text>
            <Text size="xs" c="dimmed">
              {c.institution} · {c.ec} EC · {t(`level.${c.level}`)}
            </Text>
          </div>
        );
      }}
    />
  );
}
