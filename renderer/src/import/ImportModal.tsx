import { Alert, Button, FileButton, Group, List, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/api';
import { call } from '../api/client';
import { currentLanguage } from '../i18n';

interface ChosenFile {
  name: string;
  csv: string;
}

/**
 * Importing petitions from a CSV file: choose it, read the preview (what will be created, what is
 * already in the register, every problem with its line), then import all rows or none.
 */
export function ImportModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<CallOutput<'petitions.importPreview'> | null>(null);

  const read = useMutation({
    mutationFn: async (chosen: File) => {
      // Decoded with its byte-order mark kept, so the register's SHA-256 of the import is the file's.
      const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await chosen.arrayBuffer());
      const next = { name: chosen.name, csv };
      setFile(next);
      return call('petitions.importPreview', { csv, fileName: chosen.name, lang: currentLanguage() });
    },
    onSuccess: setPreview,
    onError: () => setPreview(null),
  });
  const store = useMutation({
    mutationFn: (chosen: ChosenFile) => call('petitions.import', { csv: chosen.csv, fileName: chosen.name, lang: currentLanguage() }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: t('importUi.done', { created: result.created, present: result.alreadyPresent.length }) });
      close();
    },
  });

  function close() {
    setFile(null);
    setPreview(null);
    read.reset();
    store.reset();
    onClose();
  }

  const problems = preview?.problems ?? [];
  return (
    <Modal opened={opened} onClose={close} size="xl" title={t('importUi.title')}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('importUi.explain')}
        </Text>
        <Group>
          <FileButton onChange={(chosen) => chosen && read.mutate(chosen)} accept=".csv,text/csv,text/plain">
            {(props) => (
              <Button variant="default" {...props} loading={read.isPending}>
                {t('importUi.choose')}
              </Button>
            )}
          </FileButton>
          {file && <Text size="sm">{file.name}</Text>}
        </Group>
        {read.isError && (
          <Alert color="red" role="alert">
            {read.error.message}
          </Alert>
        )}
        {preview && (
          <>
            <Text size="sm" data-testid="import-summary">
              {t('importUi.summary', { count: preview.rows, toCreate: preview.toCreate.length, present: preview.alreadyPresent.length })}
            </Text>
            {problems.length > 0 ? (
              <Alert color="red" title={t('importUi.problems', { count: problems.length })} role="alert">
                <ScrollArea.Autosize mah={260}>
                  <List size="sm" spacing={4}>
                    {problems.map((problem, index) => (
                      <List.Item key={index}>{problem.message}</List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
              </Alert>
            ) : (
              preview.toCreate.length > 0 && (
                <ScrollArea.Autosize mah={260}>
                  <Table striped verticalSpacing={4} fz="sm" aria-label={t('importUi.toCreate')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('importUi.line')}</Table.Th>
                        <Table.Th>{t('column.studentNumber')}</Table.Th>
                        <Table.Th>{t('column.name')}</Table.Th>
                        <Table.Th>{t('column.course')}</Table.Th>
                        <Table.Th>{t('column.institution')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.toCreate.map((row) => (
                        <Table.Tr key={row.line}>
                          <Table.Td>{row.line}</Table.Td>
                          <Table.Td>{row.studentNumber}</Table.Td>
                          <Table.Td>{row.name}</Table.Td>
                          <Table.Td>{`${row.courseCode} ${row.courseTitle}`}</Table.Td>
                          <Table.Td>{row.institution}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              )
            )}
          </>
        )}
        {store.isError && (
          <Alert color="red" role="alert">
            {store.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('petition.cancel')}
          </Button>
          <Button
            disabled={!file || !preview || problems.length > 0 || preview.toCreate.length === 0}
            loading={store.isPending}
            onClick={() => file && store.mutate(file)}
          >
            {t('importUi.import', { count: preview?.toCreate.length ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
