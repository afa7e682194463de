// "uSis export": the registered results not yet sent to the Student Administration, and the past
// exports. Two steps, so that nothing is marked as sent that was not saved: download the file (the
// bytes are offered under its name; in Electron, the window asks where), then mark exactly that
// file's results as exported (refused if they changed meanwhile). A past export can be downloaded
// again without changing anything.
import { Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/i18n';
import type { UsisDraft, UsisFile, UsisRow } from '../../../shared/usis';
import { call } from '../api/client';
import { saveBytes } from '../attachments/files';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { CourseCell, DecisionCell, StudentCell } from '../petitions/PetitionCells';

/** An export's moment to the second: two exports in one minute must read apart. */
function formatExportMoment(iso: string, lang: Language): string {
  return new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

function download(file: Pick<UsisFile, 'fileName' | 'csv'>): void {
  saveBytes(file.fileName, 'text/csv;charset=utf-8', new TextEncoder().encode(file.csv));
}

/** The grade as the file writes it, in the reader's decimals: 7,5 / 7.5, or pass. */
function gradeLabel(row: UsisRow, lang: Language, t: (key: 'usis.pass' | 'usis.fail') => string): string {
  if (row.convertedGrade === null) return t('usis.pass');
  const number = row.convertedGrade.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return row.result === 'fail' ? `${number} (${t('usis.fail')})` : number;
}

export function UsisExport() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const client = useQueryClient();
  const [fileLanguage, setFileLanguage] = useState<Language>(lang);
  const pending = useQuery({ queryKey: ['usis.pending'], queryFn: () => call('usis.pending', {}) });
  const batches = useQuery({ queryKey: ['usis.batches'], queryFn: () => call('usis.batches', {}) });
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['usis.pending'] }), client.invalidateQueries({ queryKey: ['usis.batches'] })]);

  // The file downloaded and not yet marked: its results are marked only when the person says it is saved.
  const [draft, setDraft] = useState<UsisDraft | null>(null);
  const drafting = useMutation({
    mutationFn: () => call('usis.file', { language: fileLanguage }),
    onSuccess: (file) => {
      download(file);
      setDraft(file);
    },
  });
  const marking = useMutation({
    mutationFn: (file: UsisDraft) => call('usis.export', { language: fileLanguage, sha256: file.sha256 }),
    onSuccess: (file) => notifications.show({ color: 'green', message: t('usis.exported', { count: file.count }) }),
    // Marked or refused (the results changed meanwhile), the saved file is done with.
    onSettled: async () => {
      setDraft(null);
      await refresh();
    },
  });
  const again = useMutation({
    mutationFn: (exportedAt: string) => call('usis.reexport', { exportedAt }),
    onSuccess: download,
  });

  const rows = pending.data ?? [];
  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('usis.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('usis.intro')}
          </Text>
        </div>
      </Group>

      <Paper withBorder p="md" component="section" aria-labelledby="usis-pending-title">
        <Group justify="space-between" align="center" mb="sm" wrap="wrap">
          <div>
            <Title order={3} size="h4" id="usis-pending-title">
              {t('usis.pending.title')}
            </Title>
            {pending.data && (
              <Text size="sm" data-testid="usis-pending-count">
                {t('usis.pending.count', { count: rows.length })}
              </Text>
            )}
          </div>
          {rows.length > 0 && (
            <Group gap="xs">
              <SegmentedControl
                size="xs"
                aria-label={t('usis.fileLanguage')}
                value={fileLanguage}
                onChange={(value) => {
                  setFileLanguage(value as Language);
                  setDraft(null);
                }}
                data={LANGUAGES.map((l) => ({ value: l, label: t(`usis.fileLanguage.${l}`) }))}
              />
              <Button variant={draft ? 'default' : 'filled'} onClick={() => drafting.mutate()} loading={drafting.isPending}>
                {t('usis.export', { count: rows.length })}
              </Button>
            </Group>
          )}
        </Group>
        {draft && (
          <Alert color="blue" variant="light" mb="sm" className="usis-saved">
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Text size="sm">{t('usis.saved.hint', { count: draft.count, fileName: draft.fileName })}</Text>
              <Button onClick={() => marking.mutate(draft)} loading={marking.isPending} style={{ flexShrink: 0 }}>
                {t('usis.mark')}
              </Button>
            </Group>
          </Alert>
        )}
        {[drafting, marking].map(
          (step, i) =>
            step.isError && (
              <Alert key={i} color="red" role="alert" withCloseButton onClose={() => step.reset()} mb="sm">
                {step.error.message}
              </Alert>
            ),
        )}
        {pending.isPending && <Loader size="sm" />}
        {pending.isError && <Alert color="red">{pending.error.message}</Alert>}
        {pending.data &&
          (rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('usis.pending.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="xs" striped aria-label={t('usis.pending.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('usis.col.student')}</Table.Th>
                    <Table.Th>{t('usis.col.course')}</Table.Th>
                    <Table.Th>{t('usis.col.institution')}</Table.Th>
                    <Table.Th className="numeric">{t('usis.col.ec')}</Table.Th>
                    <Table.Th>{t('usis.col.grade')}</Table.Th>
                    <Table.Th>{t('usis.col.decision')}</Table.Th>
                    <Table.Th>{t('usis.col.registeredOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.registrationId} data-registration={r.registrationId}>
                      <StudentCell petitionId={r.petitionId} name={r.studentName} studentNumber={r.studentNumber} />
                      <CourseCell code={r.courseCode} title={r.courseTitle} />
                      <Table.Td>{r.institutionName}</Table.Td>
                      <Table.Td className="numeric">{r.creditedEc}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{gradeLabel(r, lang, t)}</Text>
                          {r.correction && (
                            <Badge size="xs" color="orange" variant="light">
                              {t('usis.correction')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <DecisionCell number={r.decisionNumber} decidedOn={r.decidedOn} />
                      <Table.Td>{formatDate(r.registeredOn, lang)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ))}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="usis-batches-title">
        <Title order={3} size="h4" id="usis-batches-title" mb="sm">
          {t('usis.batches.title')}
        </Title>
        {again.isError && (
          <Alert color="red" role="alert" withCloseButton onClose={() => again.reset()} mb="sm">
            {again.error.message}
          </Alert>
        )}
        {batches.isPending && <Loader size="sm" />}
        {batches.isError && <Alert color="red">{batches.error.message}</Alert>}
        {batches.data &&
          (batches.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('usis.batches.empty')}
            </Text>
          ) : (
            <Stack gap={0} component="ul" aria-label={t('usis.batches.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {batches.data.map((b) => {
                const date = formatExportMoment(b.exportedAt, lang);
                return (
                  <Group
                    key={b.exportedAt}
                    component="li"
                    justify="space-between"
                    py="xs"
                    wrap="nowrap"
                    data-batch={b.exportedAt}
                    style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                  >
                    <div>
                      <Text size="sm" fw={500}>
                        {t('usis.batches.label', { date })}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[
                          t('usis.batches.results', { count: b.count }),
                          b.corrections > 0 ? t('usis.batches.corrections', { count: b.corrections }) : null,
                        ]
                          .filter(Boolean)
                          .join(', ')}
                        {b.exportedBy ? ` · ${t('usis.batches.by', { actor: b.exportedBy })}` : ''}
                      </Text>
                    </div>
                    <Button
                      variant="default"
                      size="xs"
                      aria-label={t('usis.downloadAgain.label', { date })}
                      onClick={() => again.mutate(b.exportedAt)}
                      loading={again.isPending && again.variables === b.exportedAt}
                    >
                      {t('usis.downloadAgain')}
                    </Button>
                  </Group>
                );
              })}
            </Stack>
          ))}
      </Paper>
    </Stack>
  );
}
