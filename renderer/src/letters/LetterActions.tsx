// The decision letters of a petition's decisions: a preview to check (never issued, never signed),
// and the export that issues the letter, signed when the settings name a certificate (its password
// asked for this export only). In the browser both arrive as downloads; in Electron the window
// turns the download into its own save dialog. A whole meeting's letters go into a folder with
// `boex letters` (and, later, the desktop app's folder dialog): the page says so.
import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { LetterExport } from '../../../shared/letters';
import type { Decision } from '../../../shared/meetings';
import type { PetitionDetail } from '../../../shared/schemas';
import { call } from '../api/client';
import { base64ToBytes, saveBytes } from '../attachments/files';
import { formatMoment } from '../format';
import { currentLanguage } from '../i18n';
import { PasswordModal } from './PasswordModal';

type LetterLanguage = 'en' | 'nl';

export function LetterActions({ petition }: { petition: PetitionDetail }) {
  const { t } = useTranslation();
  const decisions = useQuery({
    queryKey: ['decisions.ofPetition', petition.id],
    queryFn: () => call('decisions.ofPetition', { petitionId: petition.id }),
  });
  const letterSettings = useQuery({ queryKey: ['settings.letters'], queryFn: () => call('settings.letters', {}) });
  const rows = decisions.data ?? [];
  if (rows.length === 0 || !letterSettings.data) return null;
  const certificate = letterSettings.data.certificatePath;
  const meetingIds = [...new Set(rows.map((d) => d.meetingId).filter((id): id is number => id !== null))];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="letters-title">
      <Title order={3} size="h5" mb="sm" id="letters-title">
        {t('letter.title')}
      </Title>
      <Stack gap="sm">
        {certificate === null ? (
          <Alert color="yellow" variant="light" data-letter-signing="unsigned">
            {t('letter.unsignedNotice')}{' '}
            <Anchor component={Link} href="/settings" size="sm">
              {t('letter.toSettings')}
            </Anchor>
          </Alert>
        ) : (
          <Text size="sm" c="dimmed" data-letter-signing="signed">
            {t('letter.signedNotice', { path: certificate })}
          </Text>
        )}
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" aria-labelledby="letters-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('letter.column.decision')}</Table.Th>
                <Table.Th>{t('letter.column.issued')}</Table.Th>
                <Table.Th>{t('letter.column.language')}</Table.Th>
                <Table.Th>{t('letter.column.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <LetterRow key={d.id} decision={d} petitionId={petition.id} defaultLanguage={letterSettings.data.defaultLanguage} certificate={certificate} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {meetingIds.map((id) => (
          <Text key={id} size="xs" c="dimmed" data-letter-cli>
            {t('letter.meetingHint')} <code>{`boex letters --register FILE --meeting ${id} --out DIR`}</code>
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

function LetterRow({ decision: d, petitionId, defaultLanguage, certificate }: { decision: Decision; petitionId: number; defaultLanguage: LetterLanguage; certificate: string | null }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState<LetterLanguage>(defaultLanguage);
  const [asking, setAsking] = useState(false);
  const [exported, setExported] = useState<LetterExport | null>(null);

  const preview = useMutation({
    mutationFn: () => call('letters.preview', { decisionId: d.id, language }),
    onSuccess: (letter) => saveBytes(letter.fileName.replace(/\.pdf$/, ` (${t('letter.previewSuffix')}).pdf`), 'application/pdf', base64ToBytes(letter.pdfBase64)),
  });
  const exportLetter = useMutation({
    mutationFn: (password: string | undefined) => call('letters.export', { decisionId: d.id, language, ...(password === undefined ? {} : { password }) }),
    onSuccess: async (letter) => {
      saveBytes(letter.fileName, 'application/pdf', base64ToBytes(letter.pdfBase64));
      setExported(letter);
      setAsking(false);
      notifications.show({
        color: letter.signed ? 'green' : 'yellow',
        message: t(letter.signed ? 'letter.exportedSigned' : 'letter.exportedUnsigned', { number: d.number }),
      });
      await queryClient.invalidateQueries({ queryKey: ['decisions.ofPetition', petitionId] });
      await queryClient.invalidateQueries({ queryKey: ['petitions.get', petitionId] });
    },
  });

  const issuedAt = exported?.issuedAt ?? d.letterIssuedAt;
  const startExport = () => (certificate === null ? exportLetter.mutate(undefined) : setAsking(true));
  const failure = preview.error ?? (asking ? null : exportLetter.error);

  return (
    <>
      <Table.Tr data-letter={d.number}>
        <Table.Td>
          <Text ff="monospace" fw={600} size="sm">
            {d.number}
          </Text>
          {d.replacedByNumber && (
            <Text size="xs" c="dimmed">
              {t('meetings.decision.replacedBy', { number: d.replacedByNumber })}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          {issuedAt ? (
            <Badge variant="light" color="teal" radius="sm" tt="none" data-letter-issued={issuedAt}>
              {t('letter.issuedOn', { moment: formatMoment(issuedAt, lang) })}
            </Badge>
          ) : (
            <Badge variant="outline" color="gray" radius="sm" tt="none">
              {t('letter.notIssued')}
            </Badge>
          )}
          {exported && (
            <Text size="xs" mt={4} c={exported.signed ? 'teal.8' : 'yellow.9'} data-letter-result={exported.signed ? 'signed' : 'unsigned'}>
              {exported.signed ? t('letter.resultSigned') : t('letter.resultUnsigned')}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <SegmentedControl
            size="xs"
            aria-label={t('letter.column.language')}
            value={language}
            onChange={(value) => setLanguage(value === 'nl' ? 'nl' : 'en')}
            data={[
              { value: 'en', label: t('letter.language.en') },
              { value: 'nl', label: t('letter.language.nl') },
            ]}
          />
        </Table.Td>
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" onClick={() => preview.mutate()} loading={preview.isPending} aria-label={t('letter.previewOf', { number: d.number })}>
              {t('letter.preview')}
            </Button>
            <Button size="xs" onClick={startExport} loading={exportLetter.isPending && !asking} aria-label={t('letter.exportOf', { number: d.number })}>
              {issuedAt ? t('letter.exportAgain') : t('letter.export')}
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {failure && (
        <Table.Tr>
          <Table.Td colSpan={4}>
            <Alert color="red" role="alert">
              {failure.message}
            </Alert>
          </Table.Td>
        </Table.Tr>
      )}
      <PasswordModal
        opened={asking}
        number={d.number}
        certificate={certificate ?? ''}
        pending={exportLetter.isPending}
        error={asking ? exportLetter.error : null}
        onCancel={() => {
          setAsking(false);
          exportLetter.reset();
        }}
        onSubmit={(password) => exportLetter.mutate(password)}
      />
    </>
  );
}
