// "Awaiting transcript": every approved petition without a registered grade, oldest decision first,
// with the course's start date and the days since the decision; filtered by academic year.
import { Alert, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { academicYear } from '../../../shared/rules';
import { call } from '../api/client';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { CourseCell, DecisionCell, StudentCell } from '../petitions/PetitionCells';

const pad2 = (n: number) => String(n % 100).padStart(2, '0');
const yearLabel = (start: number) => `${pad2(start)}-${pad2(start + 1)}`;

export function AwaitingTranscript() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [year, setYear] = useState<string | null>(null);
  const everything = useQuery({ queryKey: ['grades.awaiting', null], queryFn: () => call('grades.awaiting', {}) });
  const rows = useQuery({
    queryKey: ['grades.awaiting', year],
    queryFn: () => call('grades.awaiting', year === null ? {} : { academicYear: Number(year) }),
  });
  const thisYear = academicYear(new Date().toISOString().slice(0, 10)).startYear;
  const years = [...new Set([thisYear, ...(everything.data ?? []).map((r) => academicYear(r.decidedOn).startYear)])].sort((a, b) => b - a);
  const list = rows.data ?? [];
  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('grades.awaiting.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('grades.awaiting.intro')}
          </Text>
        </div>
        <Select
          label={t('grades.awaiting.year')}
          placeholder={t('grades.awaiting.allYears')}
          data={years.map((y) => ({ value: String(y), label: yearLabel(y) }))}
          value={year}
          onChange={setYear}
          clearable
          w={180}
        />
      </Group>
      {rows.isPending && <Loader size="sm" />}
      {rows.isError && <Alert color="red">{rows.error.message}</Alert>}
      {rows.data && (
        <Paper withBorder p="md">
          <Text size="sm" mb="sm" data-testid="awaiting-count">
            {t('grades.awaiting.count', { count: list.length })}
          </Text>
          {list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('grades.awaiting.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="xs" striped aria-label={t('grades.awaiting.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('grades.col.student')}</Table.Th>
                    <Table.Th>{t('grades.col.course')}</Table.Th>
                    <Table.Th>{t('grades.col.institution')}</Table.Th>
                    <Table.Th>{t('grades.col.decision')}</Table.Th>
                    <Table.Th>{t('grades.col.courseStart')}</Table.Th>
                    <Table.Th className="numeric">{t('grades.col.days')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((r) => (
                    <Table.Tr key={r.petitionId} data-petition={r.petitionId}>
                      <StudentCell petitionId={r.petitionId} name={r.studentName} studentNumber={r.studentNumber} />
                      <CourseCell code={r.courseCode} title={r.courseTitle} />
                      <Table.Td>{r.institutionName}</Table.Td>
                      <DecisionCell number={r.decisionNumber} decidedOn={r.decidedOn} />
                      <Table.Td>{r.courseStartDate ? formatDate(r.courseStartDate, lang) : '—'}</Table.Td>
                      <Table.Td className="numeric">{r.daysSinceDecision}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
    </Stack>
  );
}
