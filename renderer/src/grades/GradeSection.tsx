// The "Grade" section of a petition's page: once the BoEx has approved the petition, the form that
// registers the grade from a certified transcript (converted live), then the registration with a
// Correct action; a correction is a new registration that keeps the old one visible.
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradeRegistration } from '../../../shared/grades';
import type { PetitionDetail } from '../../../shared/schemas';
import { call } from '../api/client';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { formatGrade } from './conversion';
import { GradeForm } from './GradeForm';

export function GradeSection({ petition }: { petition: PetitionDetail }) {
  const { t } = useTranslation();
  const decisions = useQuery({ queryKey: ['decisions.ofPetition', petition.id], queryFn: () => call('decisions.ofPetition', { petitionId: petition.id }) });
  const grades = useQuery({ queryKey: ['grades.ofPetition', petition.id], queryFn: () => call('grades.ofPetition', { petitionId: petition.id }) });
  const [correcting, setCorrecting] = useState(false);
  const current = (decisions.data ?? []).filter((d) => !d.replacedByNumber).at(-1);
  const approved = current?.outcome === 'approved' && petition.status !== 'withdrawn';
  const all = grades.data ?? [];
  const latest = all.filter((g) => g.replacedById === null).at(-1);
  const earlier = all.filter((g) => g !== latest);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="petition-grade-title">
      <Title order={3} size="h5" mb="sm" id="petition-grade-title">
        {t('grades.section')}
      </Title>
      {(decisions.isPending || grades.isPending) && <Loader size="sm" />}
      {grades.isError && <Alert color="red">{grades.error.message}</Alert>}
      {decisions.data && grades.data && (
        <Stack gap="md">
          {!latest && !approved && (
            <Text size="sm" c="dimmed">
              {t('grades.notApprovedYet')}
            </Text>
          )}
          {!latest && approved && current && <GradeForm petition={petition} creditedEc={current.creditedEc} />}
          {latest && (
            <>
              <Registration registration={latest} />
              {correcting && current ? (
                <GradeForm petition={petition} creditedEc={current.creditedEc} correcting={latest} onDone={() => setCorrecting(false)} />
              ) : (
                approved && (
                  <Group>
                    <Button variant="default" onClick={() => setCorrecting(true)}>
                      {t('grades.correct')}
                    </Button>
                  </Group>
                )
              )}
            </>
          )}
          {earlier.length > 0 && <Earlier registrations={earlier} />}
        </Stack>
      )}
    </Paper>
  );
}

function gradeText(g: GradeRegistration, lang: ReturnType<typeof currentLanguage>, passLabel: string): string {
  return g.convertedGrade === null ? passLabel : formatGrade(g.convertedGrade, lang);
}

function Registration({ registration: g }: { registration: GradeRegistration }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Stack gap="xs" data-testid="grade-registration">
      <Group gap="sm">
        <Text fw={600}>{t('grades.registered')}</Text>
        <Badge color={g.result === 'pass' ? 'green' : 'red'} variant="light" radius="sm">
          {t(`grades.badge.${g.result}`)}
        </Badge>
      </Group>
      <Text size="sm">{t('grades.registeredOn', { date: formatDate(g.registeredOn, lang), actor: g.registeredBy })}</Text>
      <Table variant="vertical" withTableBorder layout="fixed" maw={520}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('grades.original')}</Table.Th>
            <Table.Td>{g.originalGrade}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('grades.converted')}</Table.Th>
            <Table.Td data-testid="converted-grade">{gradeText(g, lang, t('grades.passResult'))}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('grades.ec')}</Table.Th>
            <Table.Td data-testid="credited-ec">{g.creditedEc}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('grades.transcript')}</Table.Th>
            <Table.Td>{g.transcriptFileName}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {g.result === 'fail' && (
        <Alert color="orange" variant="light">
          <Text size="sm" fw={600}>
            {t('grades.failNoEc')}
          </Text>
          <Text size="sm">{t('grades.failStatus')}</Text>
        </Alert>
      )}
    </Stack>
  );
}

function Earlier({ registrations }: { registrations: GradeRegistration[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('grades.earlier')}
      </Text>
      {registrations.map((g) => (
        <Text size="sm" c="dimmed" key={g.id}>
          {formatDate(g.registeredOn, lang)} · {g.registeredBy} · {g.originalGrade} → {gradeText(g, lang, t('grades.passResult'))} · {g.creditedEc} EC · {t('grades.replaced')}
        </Text>
      ))}
    </Stack>
  );
}
