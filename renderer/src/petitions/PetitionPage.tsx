import { Alert, Anchor, Button, Group, Loader, Modal, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { isPurgedStudent, WITHDRAWABLE_STATUSES } from '../../../shared/domain';
import { isMessageKey, translate, type MessageKey } from '../../../shared/i18n';
import type { AuditEntry, PetitionDetail } from '../../../shared/schemas';
import { Attachments } from '../attachments/Attachments';
import { call } from '../api/client';
import { LetterActions } from '../letters/LetterActions';
import { lastRegisterHref } from '../register/viewState';
import { formatDate, formatEc, formatMoment } from '../format';
import { currentLanguage } from '../i18n';
import { PetitionDecisions } from '../meetings/PetitionDecisions';
import { GradeSection } from '../grades/GradeSection';
import { FindingsList } from './Findings';
import { PetitionFormModal } from './PetitionFormModal';
import { StatusBadge } from './StatusBadge';

export function PetitionPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const petition = useQuery({ queryKey: ['petitions.get', id], queryFn: () => call('petitions.get', { id }) });
  const [editing, edit] = useDisclosure(false);
  const [confirming, confirm] = useDisclosure(false);

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} href={lastRegisterHref()} size="sm">
        ← {t('petition.back')}
      </Anchor>
      {petition.isPending && <Loader size="sm" aria-label={t('register.loading')} />}
      {petition.isError && <Alert color="red">{petition.error.message}</Alert>}
      {petition.data && (
        <>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2}>{t('petition.title', { name: `${petition.data.student.givenName} ${petition.data.student.familyName}` })}</Title>
              <Group gap="xs" mt={4}>
                <StatusBadge status={petition.data.status} />
                <Text size="sm" c="dimmed">
                  {petition.data.course.code} · {petition.data.course.title}
                </Text>
              </Group>
            </div>
            <Group>
              {WITHDRAWABLE_STATUSES.includes(petition.data.status) && (
                <>
                  <Button variant="default" onClick={edit.open}>
                    {t('petition.edit')}
                  </Button>
                  <Button variant="outline" color="red" onClick={confirm.open}>
                    {t('petition.withdraw')}
                  </Button>
                </>
              )}
            </Group>
          </Group>
          {petition.data.decisionClock && <DecisionClock clock={petition.data.decisionClock} />}
          <Facts petition={petition.data} />
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="sm">
              {t('findings.title')}
            </Title>
            <FindingsList findings={petition.data.findings} />
          </Paper>
          <Attachments petition={petition.data} />
          <PetitionDecisions petitionId={petition.data.id} />
          <GradeSection petition={petition.data} />
          <LetterActions petition={petition.data} />
          <History entries={petition.data.history} />
          <PetitionFormModal opened={editing} onClose={edit.close} petition={petition.data} />
          <WithdrawDialog opened={confirming} onClose={confirm.close} petition={petition.data} />
        </>
      )}
    </Stack>
  );
}

/** How long the petition has waited for a decision, against the decision term (Settings). */
function DecisionClock({ clock }: { clock: NonNullable<PetitionDetail['decisionClock']> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const text = t(clock.overdue ? 'deadlines.clock.overdue' : 'deadlines.clock.waiting', { count: clock.waitingDays, date: formatDate(clock.dueOn, lang) });
  return clock.overdue ? (
    <Alert color="orange" variant="light" className="decision-clock" py="xs">
      {text}
    </Alert>
  ) : (
    <Text size="sm" c="dimmed" className="decision-clock">
      {text}
    </Text>
  );
}

function Facts({ petition: p }: { petition: PetitionDetail }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <FactCard title={t('section.student')}>
        <Fact label={t('field.studentNumber')}>{p.student.studentNumber}</Fact>
        <Fact label={t('column.name')}>{`${p.student.givenName} ${p.student.familyName}`}</Fact>
        <Fact label={t('field.email')}>{p.student.email}</Fact>
        {!isPurgedStudent(p.student.studentNumber) && (
          <Anchor component={Link} href={`/students/${p.student.studentNumber}`} size="sm">
            {t('petition.studentPage')}
          </Anchor>
        )}
      </FactCard>
      <FactCard title={t('section.course')}>
        <Fact label={t('field.courseTitle')}>{p.course.title}</Fact>
        <Fact label={t('field.courseCode')}>{p.course.code}</Fact>
        <Fact label={t('field.institution')}>{`${p.institution.name}${p.institution.country ? `, ${p.institution.country}` : ''}`}</Fact>
        <Fact label={t('field.institutionKind')}>{t(`kind.${p.institution.kind}`)}</Fact>
        <Fact label={t('field.ec')}>{formatEc(p.course.ec, lang)}</Fact>
        <Fact label={t('field.level')}>{t(`level.${p.course.level}`)}</Fact>
        <Fact label={t('field.honours')}>{p.course.honours ? t('petition.yes') : t('petition.no')}</Fact>
      </FactCard>
      <FactCard title={t('section.petition')}>
        <Fact label={t('field.submittedOn')}>{formatDate(p.submittedOn, lang)}</Fact>
        <Fact label={t('field.startDate')}>{p.courseStartDate ? formatDate(p.courseStartDate, lang) : t('petition.unknown')}</Fact>
        <Fact label={t('field.motivation')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={p.motivation ? undefined : 'dimmed'}>
            {p.motivation || t('petition.noMotivation')}
          </Text>
        </Fact>
      </FactCard>
    </SimpleGrid>
  );
}

function FactCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <dl style={{ margin: 0 }}>{children}</dl>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 8 }}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** Audit fields, named as the form names them. */
const FIELD_LABELS: Record<string, MessageKey> = {
  courseStartDate: 'field.startDate',
  status: 'column.status',
};

function History({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const label = (field: string) => {
    const key = FIELD_LABELS[field] ?? `field.${field}`;
    return isMessageKey(key) ? t(key).toLowerCase() : field;
  };
  const what = (entry: AuditEntry) => {
    if (entry.entity === 'petition' && entry.action === 'update') return t('audit.update', { fields: entry.changed.map(label).join(', ') });
    const key = entry.entity === 'petition' ? `audit.${entry.action}` : `audit.${entry.entity}.${entry.action}`;
    return isMessageKey(key) ? translate(lang, key, { name: entry.subject ?? '' }) : `${entry.entity} ${entry.action}`;
  };
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="md">
        {t('petition.history')}
      </Title>
      <Timeline bulletSize={12} lineWidth={2}>
        {entries.map((entry) => (
          <Timeline.Item key={entry.id} title={t('audit.by', { actor: entry.actor, what: what(entry) })}>
            <Text size="xs" c="dimmed">
              {formatMoment(entry.at, lang)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

function WithdrawDialog({ opened, onClose, petition }: { opened: boolean; onClose(): void; petition: PetitionDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => call('petitions.withdraw', { id: petition.id }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: t('petition.withdrawn') });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('petition.withdraw')}>
      <Text size="sm">
        {t('petition.withdraw.confirm', { name: `${petition.student.givenName} ${petition.student.familyName}`, course: petition.course.title })}
      </Text>
      {withdraw.isError && (
        <Alert color="red" mt="md" role="alert">
          {withdraw.error.message}
        </Alert>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('petition.cancel')}
        </Button>
        <Button color="red" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
          {t('petition.withdraw')}
        </Button>
      </Group>
    </Modal>
  );
}
