// One numbered decision of the BoEx on one agenda item, or the correction of a decision: a new
// decision with a new number that names the one it replaces.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Autocomplete, Button, Group, Modal, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Controller, useForm, useWatch, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DECISION_KINDS, DECISION_OUTCOMES } from '../../../shared/domain';
import { decisionInput, type AgendaItem, type Decision } from '../../../shared/meetings';
import { creditedEc, LEVELS } from '../../../shared/rules';
import { parseDecimal } from '../../../shared/schemas';
import { ApiError, call } from '../api/client';
import { i18n, currentLanguage } from '../i18n';
import { sentence, today } from '../forms';

/** The decision's fields as the form holds them (text), parsed by the shared schema on submit. */
const decisionForm = decisionInput.omit({ agendaItemId: true }).extend({
  creditedEc: z.preprocess(parseDecimal, decisionInput.shape.creditedEc),
  citesDecisionId: z.preprocess((v) => (v === '' || v === null || v === undefined ? undefined : Number(v)), decisionInput.shape.citesDecisionId),
});
type DecisionFields = z.output<typeof decisionForm>;
type Values = { [K in keyof DecisionFields]-?: string };
const FIELDS: Record<keyof Values, true> = {
  outcome: true, kind: true, creditedEc: true, level: true, institutionName: true, reasoning: true, decidedOn: true, signatory: true, citesDecisionId: true,
};
const resolver = zodResolver(decisionForm) as unknown as Resolver<Values, unknown, DecisionFields>;

/** The reasons as the board would write them: the MT Board's advice, then the rules that applied. */
export function prefillReasoning(item: AgendaItem): string {
  const lang = currentLanguage();
  const t = i18n.t.bind(i18n);
  const parts: string[] = [];
  if (item.advice) {
    parts.push(t('meetings.prefill.advice', { advice: t(`meetings.advice.${item.advice.advice}`).toLowerCase(), reasoning: item.advice.reasoning }));
  }
  if (item.findings.length > 0) {
    parts.push([t('meetings.prefill.findings'), ...item.findings.map((f) => `- ${f.message[lang]}`)].join('\n'));
  } else {
    parts.push(t('meetings.prefill.noFindings'));
  }
  return parts.join('\n\n');
}

function valuesOf(item: AgendaItem, replaces: Decision | null, signatory: string): Values {
  if (replaces) {
    return {
      outcome: replaces.outcome,
      kind: replaces.kind,
      creditedEc: String(replaces.creditedEc),
      level: String(replaces.level),
      institutionName: replaces.institutionName,
      reasoning: replaces.reasoning,
      decidedOn: today(),
      signatory: replaces.signatory,
      citesDecisionId: '',
    };
  }
  return {
    outcome: item.advice?.advice === 'not_support' ? 'rejected' : 'approved',
    kind: 'individual',
    creditedEc: String(creditedEc(item.petition.ec)),
    level: String(item.petition.level),
    institutionName: item.petition.institution,
    reasoning: prefillReasoning(item),
    decidedOn: today(),
    signatory,
    citesDecisionId: '',
  };
}

interface Props {
  opened: boolean;
  onClose(): void;
  item: AgendaItem;
  /** The decision to correct; without it the form records the item's first decision. */
  replaces?: Decision | null;
}

export function DecisionFormModal({ opened, onClose, item, replaces = null }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings.decisions'], queryFn: () => call('settings.decisions', {}) });
  const signatories = settings.data?.signatories ?? [];
  const firstSignatory = signatories[0]?.name ?? '';
  const { register, control, handleSubmit, setError, reset, formState, getValues, setValue } = useForm<Values, unknown, DecisionFields>({
    resolver,
    defaultValues: valuesOf(item, replaces, firstSignatory),
    mode: 'onTouched',
  });
  const error = (name: FieldPath<Values>) => sentence(formState.errors[name]?.message);
  const outcome = useWatch({ control, name: 'outcome' });

  useEffect(() => {
    if (opened) reset(valuesOf(item, replaces, firstSignatory));
  }, [opened, item, replaces, firstSignatory, reset]);

  const save = useMutation({
    mutationFn: (input: DecisionFields) =>
      replaces ? call('decisions.correct', { ...input, replacesId: replaces.id }) : call('decisions.record', { ...input, agendaItemId: item.id }),
    onSuccess: async (decision) => {
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: t('meetings.decision.recorded', { number: decision.number }) });
      onClose();
    },
    onError: (failure) => {
      if (!(failure instanceof ApiError)) return;
      let first = true;
      for (const [field, message] of Object.entries(failure.fields)) {
        if (field in FIELDS) {
          setError(field as FieldPath<Values>, { message }, { shouldFocus: first });
          first = false;
        }
      }
    },
  });
  const formError = save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).some((f) => f in FIELDS)) ? save.error.message : null;

  const name = item.petition.studentName;
  const hasError = item.findings.some((f) => f.severity === 'error');
  const levels = LEVELS.map((level) => ({ value: String(level), label: t(`level.${level}`) }));
  const generals = item.generalDecisions.map((d) => ({ value: String(d.id), label: `${d.number} · ${t(`meetings.outcome.${d.outcome}`)}` }));
  const signatoryNames = [...new Set(signatories.map((s) => s.name))];

  const cite = (value: string | null) => {
    setValue('citesDecisionId', value ?? '', { shouldDirty: true });
    const cited = item.generalDecisions.find((d) => String(d.id) === value);
    if (!cited) return;
    const line = t('meetings.prefill.cites', { number: cited.number });
    const reasoning = getValues('reasoning');
    if (!reasoning.includes(line)) setValue('reasoning', reasoning ? `${line}\n\n${reasoning}` : line, { shouldDirty: true });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      closeOnClickOutside={false}
      title={replaces ? t('meetings.decision.correctTitle', { number: replaces.number }) : t('meetings.decision.formTitle', { name })}
    >
      <form onSubmit={handleSubmit((input) => save.mutate(input))} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {item.petition.studentName} ({item.petition.studentNumber}) · {item.petition.courseCode} · {item.petition.courseTitle}
          </Text>
          {replaces && (
            <Alert color="blue" variant="light" role="note">
              {t('meetings.decision.correctNote', { number: replaces.number })}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Controller
              control={control}
              name="outcome"
              render={({ field }) => (
                <Radio.Group label={t('meetings.field.outcome')} withAsterisk value={field.value} onChange={field.onChange} error={error('outcome')}>
                  <Group mt={6}>
                    {DECISION_OUTCOMES.map((o, i) => (
                      <Radio key={o} value={o} label={t(`meetings.outcome.${o}`)} data-autofocus={i === 0 ? true : undefined} />
                    ))}
                  </Group>
                </Radio.Group>
              )}
            />
            <Controller
              control={control}
              name="kind"
              render={({ field }) => (
                <Radio.Group label={t('meetings.field.kind')} withAsterisk value={field.value} onChange={field.onChange} error={error('kind')}>
                  <Group mt={6}>
                    {DECISION_KINDS.map((k) => (
                      <Radio key={k} value={k} label={t(`meetings.kind.${k}`)} />
                    ))}
                  </Group>
                </Radio.Group>
              )}
            />
          </SimpleGrid>
          {hasError && outcome === 'approved' && (
            <Alert color="orange" variant="light" role="note">
              {t('meetings.decision.errorFindings')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ alignItems: 'start' }}>
            <TextInput label={t('meetings.field.creditedEc')} description={t('meetings.field.creditedEc.hint')} inputMode="numeric" withAsterisk {...register('creditedEc')} error={error('creditedEc')} />
            <Controller
              control={control}
              name="level"
              render={({ field }) => (
                <Select label={t('field.level')} description={'\u00a0'} withAsterisk data={levels} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} ref={field.ref} error={error('level')} allowDeselect={false} />
              )}
            />
            <TextInput label={t('field.institution')} description={'\u00a0'} withAsterisk {...register('institutionName')} error={error('institutionName')} />
          </SimpleGrid>
          <Textarea label={t('meetings.field.reasoning')} description={t('meetings.field.reasoning.hint')} withAsterisk autosize minRows={4} maxRows={14} {...register('reasoning')} error={error('reasoning')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Controller
              control={control}
              name="decidedOn"
              render={({ field }) => (
                <DateInput label={t('meetings.field.decidedOn')} withAsterisk valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} ref={field.ref} error={error('decidedOn')} />
              )}
            />
            <Controller
              control={control}
              name="signatory"
              render={({ field }) => (
                <Autocomplete label={t('meetings.field.signatory')} description={t('meetings.field.signatory.hint')} withAsterisk data={signatoryNames} value={field.value} onChange={field.onChange} onBlur={field.onBlur} ref={field.ref} error={error('signatory')} />
              )}
            />
          </SimpleGrid>
          <Controller
            control={control}
            name="citesDecisionId"
            render={({ field }) => (
              <Select
                label={t('meetings.field.cites')}
                description={generals.length > 0 ? t('meetings.field.cites.hint') : t('meetings.field.cites.none')}
                data={generals}
                value={field.value || null}
                onChange={cite}
                onBlur={field.onBlur}
                ref={field.ref}
                clearable
                disabled={generals.length === 0}
                error={error('citesDecisionId')}
              />
            )}
          />
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('meetings.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {replaces ? t('meetings.decision.saveCorrection') : t('meetings.decision.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
