// Meeting mode: the MT Board steps through its agenda one item at a time, large enough for a
// projector, and records each advice with a few keystrokes:
//   S / N / D             support / not support / defer (outside the reasoning field)
//   Alt+S / Alt+N / Alt+D the same inside the reasoning field
//   Ctrl+Enter            record the advice and go to the next item
//   ← ↑ / → ↓             previous / next item (outside the reasoning field)
//   PageUp / PageDown     previous / next item, anywhere
import { Alert, Anchor, Button, Grid, Group, Kbd, Loader, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ADVICE_KINDS } from '../../../shared/domain';
import { adviceInput, type AgendaItem, type MeetingDetail } from '../../../shared/meetings';
import { call } from '../api/client';
import { formatDate, formatEc } from '../format';
import { currentLanguage } from '../i18n';
import { SeverityBadge } from '../petitions/Findings';
import { StatusBadge } from '../petitions/StatusBadge';
import { ADVICE_COLOURS, AdviceBadge } from './Badges';
import { sentence } from '../forms';
import { applyDetail } from './labels';
import './meetings.css';

type AdviceKind = (typeof ADVICE_KINDS)[number];
type Draft = { advice: AdviceKind | null; reasoning: string };
const EMPTY_DRAFT: Draft = { advice: null, reasoning: '' };
const SHORTCUT_KEYS: Record<string, AdviceKind> = { KeyS: 'support', KeyN: 'not_support', KeyD: 'defer' };
const SHORTCUT_LETTER: Record<AdviceKind, string> = { support: 'S', not_support: 'N', defer: 'D' };

/** Where typing puts text; single-letter shortcuts and arrow keys leave such fields alone. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

export function MeetingMode({ id }: { id: number }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: ['meetings.get', id], queryFn: () => call('meetings.get', { id }) });
  return (
    <Stack gap="md" className="meeting-mode">
      {detail.isPending && <Loader size="sm" aria-label={t('meetings.loading')} />}
      {detail.isError && <Alert color="red">{detail.error.message}</Alert>}
      {detail.data && detail.data.meeting.body !== 'mt_board' && (
        <>
          <Alert color="blue" role="note">{t('meetings.mode.notMtBoard')}</Alert>
          <Anchor component={Link} href={`/meetings/${id}`}>
            ← {t('meetings.mode.exit')}
          </Anchor>
        </>
      )}
      {detail.data?.meeting.body === 'mt_board' && <Mode detail={detail.data} />}
    </Stack>
  );
}

function Mode({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const { meeting, items } = detail;
  const [chosen, setChosen] = useState<number | null>(null);
  const firstOpen = Math.max(0, items.findIndex((item) => item.advice === null));
  const index = Math.min(chosen ?? firstOpen, Math.max(0, items.length - 1));
  const item: AgendaItem | undefined = items[index];
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const draft = (item && drafts[item.id]) ?? EMPTY_DRAFT;
  const [errors, setErrors] = useState<{ advice?: string; reasoning?: string }>({});
  const [spoken, setSpoken] = useState('');
  const reasoningRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const setDraft = useCallback(
    (change: Partial<Draft>) => {
      if (!item) return;
      setDrafts((old) => ({ ...old, [item.id]: { ...(old[item.id] ?? EMPTY_DRAFT), ...change } }));
      if (change.advice) setErrors((old) => ({ ...old, advice: undefined }));
    },
    [item],
  );

  const go = useCallback(
    (next: number) => {
      if (next < 0 || next >= items.length || next === index) return;
      setChosen(next);
      setErrors({});
      const target = items[next];
      if (target) setSpoken(`${t('meetings.mode.progress', { n: next + 1, count: items.length })}: ${target.petition.studentName}`);
    },
    [index, items, t],
  );

  const record = useMutation({
    mutationFn: (input: { agendaItemId: number; advice: AdviceKind; reasoning: string }) => call('advice.record', input),
    onSuccess: async (saved, input) => {
      const done = items.find((i) => i.id === input.agendaItemId);
      setDrafts((old) => {
        const next = { ...old };
        delete next[input.agendaItemId];
        return next;
      });
      await applyDetail(queryClient, saved);
      // No toast here: on a projector it would cover the item; the line under the item numbers says it.
      setSpoken(t('meetings.advice.recorded', { name: done?.petition.studentName ?? '' }));
      const position = saved.items.findIndex((i) => i.id === input.agendaItemId);
      if (position >= 0 && position < saved.items.length - 1) setChosen(position + 1);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: ['meetings.get', meeting.id] }),
  });

  const submit = useCallback(() => {
    if (!item || item.advice || record.isPending) return;
    const parsed = adviceInput.safeParse({ agendaItemId: item.id, advice: draft.advice ?? undefined, reasoning: draft.reasoning });
    if (!parsed.success) {
      const next: { advice?: string; reasoning?: string } = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'advice') next.advice = t('meetings.mode.chooseAdvice');
        if (issue.path[0] === 'reasoning') next.reasoning = sentence(issue.message);
      }
      setErrors(next);
      if (next.reasoning && !next.advice) reasoningRef.current?.focus();
      return;
    }
    setErrors({});
    record.mutate(parsed.data);
  }, [item, draft, record, t]);

  // The reasoning field takes the focus on every item that still needs its advice; an advised
  // item's heading takes it otherwise, so a screen reader reads where the board is.
  const itemId = item?.id;
  const advised = item?.advice !== null;
  useEffect(() => {
    if (itemId === undefined) return;
    if (advised) headingRef.current?.focus();
    else reasoningRef.current?.focus();
  }, [itemId, advised]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      const inText = isTextEntry(event.target);
      const inRadio = event.target instanceof HTMLInputElement && event.target.type === 'radio';
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        submit();
        return;
      }
      const advice = SHORTCUT_KEYS[event.code];
      if (advice && !item?.advice && ((event.altKey && !event.ctrlKey && !event.metaKey) || (plain && !inText))) {
        event.preventDefault();
        setDraft({ advice });
        return;
      }
      if (!plain) return;
      if (event.key === 'PageUp' || (!inText && !inRadio && (event.key === 'ArrowLeft' || event.key === 'ArrowUp'))) {
        event.preventDefault();
        go(index - 1);
      } else if (event.key === 'PageDown' || (!inText && !inRadio && (event.key === 'ArrowRight' || event.key === 'ArrowDown'))) {
        event.preventDefault();
        go(index + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit, setDraft, go, index, item]);

  const heading = t('meetings.heading', { body: t(`meetings.body.${meeting.body}`), date: formatDate(meeting.heldOn, lang) });
  const advisedCount = items.filter((i) => i.advice !== null).length;

  return (
    <>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Text size="sm" c="dimmed" fw={600} tt="uppercase">
            {t('meetings.mode.title')}
          </Text>
          <Title order={2}>{heading}</Title>
        </div>
        <Group gap="md">
          <Text size="lg" fw={600} aria-live="off">
            {items.length > 0 ? t('meetings.mode.progress', { n: index + 1, count: items.length }) : ''}
          </Text>
          <Text size="md" c="dimmed">
            {t('meetings.done.mt_board', { done: advisedCount, count: items.length })}
          </Text>
          <Button component={Link} href={`/meetings/${meeting.id}`} variant="default">
            {t('meetings.mode.exit')}
          </Button>
        </Group>
      </Group>

      {items.length > 0 && (
        <Group gap="md" wrap="wrap">
          <Group gap={6} role="group" aria-label={t('meetings.mode.items')}>
            {items.map((it, i) => (
              <Button
                key={it.id}
                size="compact-md"
                variant={i === index ? 'filled' : 'light'}
                color={i === index ? undefined : it.advice ? ADVICE_COLOURS[it.advice.advice] : 'gray'}
                aria-current={i === index ? 'step' : undefined}
                aria-label={`${i + 1}. ${it.petition.studentName}${it.advice ? ` · ${t(`meetings.advice.${it.advice.advice}`)}` : ''}`}
                onClick={() => go(i)}
                miw={40}
              >
                {i + 1}
              </Button>
            ))}
          </Group>
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {spoken}
          </Text>
        </Group>
      )}

      {items.length === 0 && <Alert color="blue" role="note">{t('meetings.mode.emptyAgenda')}</Alert>}
      {items.length > 0 && advisedCount === items.length && (
        <Alert color="green" variant="light" role="status">
          {t('meetings.mode.allDone')}
        </Alert>
      )}

      {item && (
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
            <ItemView item={item} headingRef={headingRef} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
            <Paper withBorder p="lg" component="section" aria-labelledby="advice-title">
              <Title order={3} size="h3" id="advice-title" mb="md">
                {t('meetings.advice.title')}
              </Title>
              {item.advice ? (
                <Stack gap="sm" data-advice={item.advice.advice}>
                  <AdviceBadge advice={item.advice.advice} size="xl" />
                  <Text size="lg" style={{ whiteSpace: 'pre-wrap' }}>
                    {item.advice.reasoning}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {item.advice.recordedBy} · {formatDate(item.advice.recordedAt.slice(0, 10), lang)}
                  </Text>
                </Stack>
              ) : (
                <Stack gap="md">
                  <div>
                    <Text component="div" size="sm" fw={500} id="advice-choice-label" mb={6}>
                      {t('meetings.mode.advice')}
                    </Text>
                    <SegmentedControl
                      fullWidth
                      size="lg"
                      aria-labelledby="advice-choice-label"
                      value={draft.advice ?? ''}
                      onChange={(value) => setDraft({ advice: value as AdviceKind })}
                      color={draft.advice ? ADVICE_COLOURS[draft.advice] : undefined}
                      data={ADVICE_KINDS.map((kind) => ({
                        value: kind,
                        label: (
                          <Group gap={8} justify="center" wrap="nowrap">
                            <span>{t(`meetings.advice.${kind}`)}</span>
                            <Kbd size="xs" aria-hidden="true">
                              {SHORTCUT_LETTER[kind]}
                            </Kbd>
                          </Group>
                        ),
                      }))}
                    />
                    {errors.advice && (
                      <Text size="sm" c="red.8" mt={4} role="alert">
                        {errors.advice}
                      </Text>
                    )}
                  </div>
                  <Textarea
                    ref={reasoningRef}
                    label={t('meetings.mode.reasoning')}
                    description={t('meetings.mode.reasoningHint')}
                    withAsterisk
                    autosize
                    minRows={5}
                    maxRows={12}
                    value={draft.reasoning}
                    onChange={(e) => setDraft({ reasoning: e.currentTarget.value })}
                    error={errors.reasoning}
                    aria-keyshortcuts="Alt+S Alt+N Alt+D Control+Enter PageUp PageDown"
                  />
                  <Button size="md" onClick={submit} loading={record.isPending} aria-keyshortcuts="Control+Enter">
                    {t('meetings.mode.record')}
                  </Button>
                </Stack>
              )}
              {record.isError && (
                <Alert color="red" role="alert" mt="md" withCloseButton onClose={() => record.reset()}>
                  {record.error.message}
                </Alert>
              )}
              <Group justify="space-between" mt="lg">
                <Button variant="default" onClick={() => go(index - 1)} disabled={index === 0} aria-keyshortcuts="PageUp">
                  ← {t('meetings.mode.previous')}
                </Button>
                <Button variant="default" onClick={() => go(index + 1)} disabled={index >= items.length - 1} aria-keyshortcuts="PageDown">
                  {t('meetings.mode.next')} →
                </Button>
              </Group>
            </Paper>
            <Shortcuts />
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}

function ItemView({ item, headingRef }: { item: AgendaItem; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const p = item.petition;
  return (
    <Stack gap="lg" data-petition={p.id}>
      <Paper withBorder p="lg">
        <Group gap="sm" align="baseline" wrap="wrap">
          <Title order={3} fz={32} ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
            {item.position}. {p.studentName}
          </Title>
          <Text size="xl" c="dimmed" ff="monospace">
            {p.studentNumber}
          </Text>
          <StatusBadge status={p.status} />
        </Group>
        <Text fz={24} mt="xs">
          <Text span ff="monospace" fz={22}>
            {p.courseCode}
          </Text>{' '}
          · {p.courseTitle}
        </Text>
        <dl className="meeting-mode-facts" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: 24, margin: '16px 0 0' }}>
          <Fact label={t('field.institution')}>{p.institution}</Fact>
          <Fact label={t('field.institutionKind')}>{t(`kind.${p.institutionKind}`)}</Fact>
          <Fact label={t('field.ec')}>{formatEc(p.ec, lang)}</Fact>
          <Fact label={t('field.level')}>{t(`level.${p.level}`)}</Fact>
          <Fact label={t('field.startDate')}>{p.courseStartDate ? formatDate(p.courseStartDate, lang) : t('petition.unknown')}</Fact>
          <Fact label={t('field.submittedOn')}>{formatDate(p.submittedOn, lang)}</Fact>
        </dl>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-label={t('findings.title')}>
        <Title order={4} size="h4" mb="sm">
          {t('findings.title')}
        </Title>
        {item.findings.length === 0 ? (
          <Text size="lg" c="dimmed">
            {t('findings.none')}
          </Text>
        ) : (
          <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {item.findings.map((f) => (
              <li key={f.rule} data-rule={f.rule}>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <SeverityBadge severity={f.severity} />
                  <Text size="lg">{f.message[lang]}</Text>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="lg" component="section" aria-label={t('field.motivation')}>
        <Title order={4} size="h4" mb="sm">
          {t('field.motivation')}
        </Title>
        <Text size="lg" style={{ whiteSpace: 'pre-wrap' }} c={p.motivation ? undefined : 'dimmed'}>
          {p.motivation || t('petition.noMotivation')}
        </Text>
      </Paper>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Shortcuts() {
  const { t } = useTranslation();
  const row = (keys: ReactNode, what: string) => (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Group gap={4} wrap="nowrap" miw={150}>
        {keys}
      </Group>
      <Text size="sm">{what}</Text>
    </Group>
  );
  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby="shortcuts-title" bg="var(--mantine-color-gray-0)">
      <Title order={4} size="h5" id="shortcuts-title" mb="xs">
        {t('meetings.shortcuts')}
      </Title>
      <Stack gap={6}>
        {row(<><Kbd>S</Kbd> <Kbd>N</Kbd> <Kbd>D</Kbd></>, t('meetings.shortcut.advice'))}
        {row(<><Kbd>Alt</Kbd>+<Kbd>S</Kbd>/<Kbd>N</Kbd>/<Kbd>D</Kbd></>, t('meetings.shortcut.adviceAlt'))}
        {row(<><Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd></>, t('meetings.shortcut.record'))}
        {row(<><Kbd>←</Kbd> <Kbd>→</Kbd> <Kbd>↑</Kbd> <Kbd>↓</Kbd></>, t('meetings.shortcut.move'))}
        {row(<><Kbd>PgUp</Kbd> <Kbd>PgDn</Kbd></>, t('meetings.shortcut.page'))}
      </Stack>
    </Paper>
  );
}
