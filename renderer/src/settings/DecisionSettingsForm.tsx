// The decision settings: the template decision numbers are drawn from (shown as the next number
// would look), and the signatories offered when a decision is recorded.
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { decisionSettings, type DecisionSettings } from '../../../shared/meetings';
import { formatDecisionNumber } from '../../../shared/rules';
import { ApiError, call } from '../api/client';
import { sentence, today } from '../forms';

/** How the first decision of today's academic year would be numbered, or null for a template that cannot number. */
function example(template: string): string | null {
  try {
    return formatDecisionNumber(template, { date: today(), seq: 1 });
  } catch {
    return null;
  }
}

export function DecisionSettingsForm({ settings }: { settings: DecisionSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<DecisionSettings>({ resolver: zodResolver(decisionSettings), defaultValues: settings, mode: 'onTouched' });
  const signatories = useFieldArray({ control: form.control, name: 'signatories' });
  const template = useWatch({ control: form.control, name: 'decisionNumberTemplate' });
  const next = example(template ?? '');

  const save = useMutation({
    mutationFn: (values: DecisionSettings) => call('settings.updateDecisions', values),
    onSuccess: async (saved) => {
      form.reset(saved);
      await queryClient.invalidateQueries({ queryKey: ['settings.decisions'] });
      notifications.show({ color: 'green', message: t('settings.decisions.saved') });
    },
    onError: (failure) => {
      if (failure instanceof ApiError) form.setError('decisionNumberTemplate', { message: failure.fields.decisionNumberTemplate ?? failure.message });
    },
  });

  return (
    <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate aria-label={t('settings.decisions.title')}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('settings.decisions.title')}
        </Title>
        <TextInput
          label={t('settings.decisions.template')}
          description={next ? t('settings.decisions.example', { number: next }) : undefined}
          {...form.register('decisionNumberTemplate')}
          error={sentence(form.formState.errors.decisionNumberTemplate?.message) ?? (next ? undefined : t('settings.decisions.templateInvalid'))}
          maw={420}
        />
        <Text size="sm" fw={500}>
          {t('settings.decisions.signatories')}
        </Text>
        {signatories.fields.map((field, index) => (
          <Group key={field.id} align="flex-end" gap="sm">
            <TextInput label={t('settings.decisions.signatoryName')} {...form.register(`signatories.${index}.name`)} error={sentence(form.formState.errors.signatories?.[index]?.name?.message)} />
            <TextInput label={t('settings.decisions.signatoryRole')} {...form.register(`signatories.${index}.role`)} />
            <Button variant="subtle" color="red" onClick={() => signatories.remove(index)} aria-label={t('settings.decisions.removeSignatory', { index: index + 1 })}>
              {t('settings.decisions.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => signatories.append({ name: '', role: '' })}>
            {t('settings.decisions.addSignatory')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!next}>
            {t('settings.decisions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
