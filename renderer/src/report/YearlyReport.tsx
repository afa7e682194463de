// "Yearly report": the figures of one academic year for the programme's annual report (petitions,
// outcomes, the MT Board's advice against the BoEx decision, institution kinds, levels, EC
// credited, turnaround, late petitions), as cards, charts and tables, and as PDF and CSV
// downloads made by the main process. Every chart has its table beside it, which a screen reader
// reads instead of the picture.
import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Button, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_OUTCOMES } from '../../../shared/report';
import { call } from '../api/client';
import { base64ToBytes, saveBytes } from '../attachments/files';
import { currentLanguage } from '../i18n';
import { FigureTable, OUTCOME_COLOR, useReportWords } from './parts';

type Format = 'pdf' | 'csv';

async function exportReport(academicYear: string, format: Format): Promise<string> {
  const language = currentLanguage();
  if (format === 'pdf') {
    const pdf = await call('report.pdf', { academicYear, language });
    saveBytes(pdf.fileName, 'application/pdf', base64ToBytes(pdf.pdfBase64));
    return pdf.fileName;
  }
  const csv = await call('report.csv', { academicYear, language });
  saveBytes(csv.fileName, 'text/csv;charset=utf-8', new TextEncoder().encode(csv.csv));
  return csv.fileName;
}

export function YearlyReport() {
  const { t } = useTranslation();
  const words = useReportWords();
  const years = useQuery({ queryKey: ['report.years'], queryFn: () => call('report.years', {}) });
  const [chosen, setChosen] = useState<string | null>(null);
  const year = chosen ?? years.data?.[0]?.academicYear ?? null;
  const figures = useQuery({
    queryKey: ['report.year', year],
    queryFn: () => call('report.year', { academicYear: year ?? '' }),
    enabled: year !== null,
  });
  const exporting = useMutation({
    mutationFn: (format: Format) => exportReport(year ?? '', format),
    onSuccess: (fileName) => notifications.show({ color: 'green', message: t('report.exported', { fileName }) }),
  });
  const busy = (format: Format) => exporting.isPending && exporting.variables === format;
  const f = figures.data;

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('report.title')}</Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('report.intro')}
          </Text>
        </div>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('report.year')}
            data={(years.data ?? []).map((y) => ({ value: y.academicYear, label: t('report.yearOption', { year: y.academicYear, count: y.petitions }) }))}
            value={year}
            onChange={(value) => value && setChosen(value)}
            allowDeselect={false}
            disabled={!years.data?.length}
            w={220}
          />
          <Button variant="default" onClick={() => exporting.mutate('pdf')} loading={busy('pdf')} disabled={!f || (exporting.isPending && !busy('pdf'))}>
            {t('report.exportPdf')}
          </Button>
          <Button variant="default" onClick={() => exporting.mutate('csv')} loading={busy('csv')} disabled={!f || (exporting.isPending && !busy('csv'))}>
            {t('report.exportCsv')}
          </Button>
        </Group>
      </Group>
      {exporting.isError && (
        <Alert color="red" role="alert" withCloseButton onClose={() => exporting.reset()}>
          {exporting.error.message}
        </Alert>
      )}
      {(years.isPending || figures.isFetching) && <Loader size="sm" aria-label={t('report.loading')} />}
      {years.isError && <Alert color="red" role="alert">{years.error.message}</Alert>}
      {figures.isError && <Alert color="red" role="alert">{figures.error.message}</Alert>}
      {years.data?.length === 0 && <Alert color="gray">{t('report.noYears')}</Alert>}
      {f && (
        <>
          <Text size="sm" data-testid="report-range">
            {t('report.range', { from: words.date(f.from), to: words.date(f.to) })}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
            <FigureCard label={t('report.card.petitions')} value={words.number(f.petitions)} testId="card-petitions" />
            <FigureCard label={t('report.card.approved')} value={`${words.number(f.outcomes.approved)} (${words.share(f.outcomes.approved, f.petitions)})`} testId="card-approved" />
            <FigureCard label={t('report.card.creditedEc')} value={words.number(f.creditedEc)} testId="card-ec" />
            <FigureCard
              label={t('report.card.medianDays')}
              value={f.turnaround.medianDays === null ? t('report.noDecisionYet') : t('report.days', { days: words.number(f.turnaround.medianDays) })}
              testId="card-median"
            />
            <FigureCard label={t('report.card.late')} value={words.number(f.late.petitions)} testId="card-late" />
          </SimpleGrid>

          <Section title={t('report.outcomes.title')}>
            <DonutChart
              role="img"
              aria-label={t('report.chart.outcomes', { year: f.academicYear })}
              data={REPORT_OUTCOMES.map((o) => ({ name: words.outcome(o), value: f.outcomes[o], color: OUTCOME_COLOR[o] }))}
              chartLabel={words.number(f.petitions)}
              size={180}
              thickness={28}
              withTooltip={false}
              mx="auto"
            />
            <FigureTable
              caption={t('report.outcomes.title')}
              headers={[t('report.col.outcome'), t('report.col.petitions'), t('report.col.share')]}
              rows={REPORT_OUTCOMES.map((o) => [words.outcome(o), words.number(f.outcomes[o]), words.share(f.outcomes[o], f.petitions)])}
              total={[t('report.col.total'), words.number(f.petitions), words.share(f.petitions, f.petitions)]}
            />
          </Section>

          <Section title={t('report.adviceByOutcome.title')} intro={t('report.adviceByOutcome.intro')}>
            <BarChart
              role="img"
              aria-label={t('report.adviceByOutcome.title')}
              h={220}
              data={f.adviceByOutcome.map((row) => ({ advice: words.advice(row.advice), ...Object.fromEntries(REPORT_OUTCOMES.map((o) => [words.outcome(o), row[o]])) }))}
              dataKey="advice"
              type="stacked"
              series={REPORT_OUTCOMES.map((o) => ({ name: words.outcome(o), color: OUTCOME_COLOR[o] }))}
              withLegend
              withTooltip={false}
              tickLine="none"
              yAxisProps={{ allowDecimals: false }}
            />
            <FigureTable
              caption={t('report.adviceByOutcome.title')}
              headers={[t('report.col.advice'), ...REPORT_OUTCOMES.map((o) => words.outcome(o)), t('report.col.total')]}
              rows={f.adviceByOutcome.map((row) => [
                words.advice(row.advice),
                ...REPORT_OUTCOMES.map((o) => words.number(row[o])),
                words.number(REPORT_OUTCOMES.reduce((sum, o) => sum + row[o], 0)),
              ])}
              total={[t('report.col.total'), ...REPORT_OUTCOMES.map((o) => words.number(f.outcomes[o])), words.number(f.petitions)]}
            />
          </Section>

          <Section title={t('report.kinds.title')}>
            <Breakdown
              label={t('report.chart.kinds', { year: f.academicYear })}
              first={t('report.col.kind')}
              rows={f.institutionKinds.map((k) => ({ name: words.kind(k.kind), ...k }))}
              totals={{ petitions: f.petitions, approved: f.outcomes.approved, creditedEc: f.creditedEc }}
            />
          </Section>

          <Section title={t('report.levels.title')}>
            <Breakdown
              label={t('report.chart.levels', { year: f.academicYear })}
              first={t('report.col.level')}
              rows={f.levels.map((l) => ({ name: words.level(l.level), ...l }))}
              totals={{ petitions: f.petitions, approved: f.outcomes.approved, creditedEc: f.creditedEc }}
            />
          </Section>

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="xs">
                {t('report.turnaround.title')}
              </Title>
              <Text size="sm" data-testid="report-turnaround">
                {f.turnaround.medianDays === null
                  ? t('report.turnaround.none')
                  : t('report.turnaround.text', {
                      median: words.number(f.turnaround.medianDays),
                      decided: words.number(f.turnaround.decided),
                      min: words.number(f.turnaround.minDays ?? 0),
                      max: words.number(f.turnaround.maxDays ?? 0),
                    })}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="xs">
                {t('report.late.title')}
              </Title>
              <Text size="sm" data-testid="report-late">
                {t('report.late.text', {
                  late: words.number(f.late.petitions),
                  approved: words.number(f.late.approved),
                  rejected: words.number(f.late.rejected),
                  unknown: words.number(f.late.startUnknown),
                })}
              </Text>
            </Paper>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('report.definitions')}
          </Text>
        </>
      )}
    </Stack>
  );
}

function FigureCard({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c="leiden.9">
        {value}
      </Text>
    </Paper>
  );
}

function Section({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {intro && (
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" mt="sm" style={{ alignItems: 'center' }}>
        {children}
      </SimpleGrid>
    </Paper>
  );
}

interface BreakdownRow {
  name: string;
  petitions: number;
  approved: number;
  creditedEc: number;
}

/** Petitions and approved ones per category as bars, and the table with the credited EC beside them. */
function Breakdown({ label, first, rows, totals }: { label: string; first: string; rows: BreakdownRow[]; totals: Omit<BreakdownRow, 'name'> }) {
  const { t } = useTranslation();
  const words = useReportWords();
  const petitions = t('report.col.petitions');
  const approved = t('report.col.approved');
  return (
    <>
      <BarChart
        role="img"
        aria-label={label}
        h={Math.max(160, rows.length * 34)}
        data={rows.map((r) => ({ name: r.name, [petitions]: r.petitions, [approved]: r.approved }))}
        dataKey="name"
        orientation="vertical"
        yAxisProps={{ width: 190 }}
        xAxisProps={{ allowDecimals: false }}
        series={[
          { name: petitions, color: 'leiden.6' },
          { name: approved, color: OUTCOME_COLOR.approved },
        ]}
        withLegend
        withTooltip={false}
        gridAxis="none"
      />
      <FigureTable
        caption={label}
        headers={[first, petitions, approved, t('report.col.creditedEc')]}
        rows={rows.map((r) => [r.name, words.number(r.petitions), words.number(r.approved), words.number(r.creditedEc)])}
        total={[t('report.col.total'), words.number(totals.petitions), words.number(totals.approved), words.number(totals.creditedEc)]}
      />
    </>
  );
}
