import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { PetitionRow } from '../../../shared/schemas';
import { call } from '../api/client';
import { formatDate, formatEc } from '../format';
import { currentLanguage } from '../i18n';
import { PetitionFormModal } from '../petitions/PetitionFormModal';
import { SeverityBadge } from '../petitions/Findings';
import { StatusBadge } from '../petitions/StatusBadge';

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, PetitionRow>();
const EMPTY: PetitionRow[] = [];

export function RegisterView() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [, navigate] = useLocation();
  const [formOpen, form] = useDisclosure(false);
  const list = useQuery({ queryKey: ['petitions.list'], queryFn: () => call('petitions.list', { limit: 500, offset: 0 }) });

  const columns = helper.columns([
    helper.accessor('studentNumber', {
      header: () => t('column.studentNumber'),
      cell: (c) => <Link href={`/petitions/${c.row.original.id}`}>{c.getValue()}</Link>,
    }),
    helper.accessor('studentName', { header: () => t('column.name') }),
    helper.accessor('courseTitle', {
      header: () => t('column.course'),
      cell: (c) => (
        <>
          <Text size="sm">{c.getValue()}</Text>
          <Text size="xs" c="dimmed">
            {c.row.original.courseCode}
          </Text>
        </>
      ),
    }),
    helper.accessor('institution', { header: () => t('column.institution') }),
    helper.accessor('ec', { header: () => t('column.ec'), cell: (c) => formatEc(c.getValue(), lang) }),
    helper.accessor('level', { header: () => t('column.level'), cell: (c) => t(`level.${c.getValue()}`) }),
    helper.accessor('findingSeverity', {
      header: () => t('column.findings'),
      cell: (c) => {
        const severity = c.getValue();
        return severity ? <SeverityBadge severity={severity} /> : null;
      },
    }),
    helper.accessor('status', { header: () => t('column.status'), cell: (c) => <StatusBadge status={c.getValue()} /> }),
    helper.accessor('submittedOn', { header: () => t('column.submittedOn'), cell: (c) => formatDate(c.getValue(), lang) }),
  ]);
  const table = useTable({ features, columns, data: list.data?.rows ?? EMPTY });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('register.title')}</Title>
          {list.data && (
            <Text size="sm" c="dimmed">
              {t('register.count', { count: list.data.total })}
            </Text>
          )}
        </div>
        <Button onClick={form.open}>{t('register.newPetition')}</Button>
      </Group>

      {list.isPending && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text>{t('register.loading')}</Text>
        </Group>
      )}
      {list.isError && <Alert color="red">{list.error.message}</Alert>}
      {list.data && list.data.total === 0 && (
        <Paper withBorder p="xl">
          <Text c="dimmed">{t('register.empty')}</Text>
        </Paper>
      )}
      {list.data && list.data.total > 0 && (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs" stickyHeader aria-label={t('register.caption')}>
            <Table.Thead>
              {table.getHeaderGroups().map((group) => (
                <Table.Tr key={group.id}>
                  {group.headers.map((header) => (
                    <Table.Th key={header.id} className={header.column.id === 'ec' ? 'numeric' : undefined}>
                      <table.FlexRender header={header} />
                    </Table.Th>
                  ))}
                </Table.Tr>
              ))}
            </Table.Thead>
            <Table.Tbody>
              {table.getRowModel().rows.map((row) => (
                <Table.Tr
                  key={row.id}
                  className="register-row"
                  onClick={(e) => {
                    if (!(e.target as HTMLElement).closest('a')) navigate(`/petitions/${row.original.id}`);
                  }}
                >
                  {row.getAllCells().map((cell) => (
                    <Table.Td key={cell.id} className={cell.column.id === 'ec' ? 'numeric' : undefined}>
                      <table.FlexRender cell={cell} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <PetitionFormModal opened={formOpen} onClose={form.close} />
    </Stack>
  );
}
