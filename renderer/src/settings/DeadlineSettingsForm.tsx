// The decision term: the weeks after which a petition still waiting for a decision is overdue.
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { deadlineSettings, type DeadlineSettings } from '../../../shared/deadlines';
import { ApiError, call } from '../api/client';
import { sentence } from '../forms';

export function DeadlineSettingsForm({ settings }: { settings: DeadlineSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<DeadlineSettings>({ resolver: zodResolver(deadlineSettings), defaultValues: settings, mode: 'onTouched' });
  const save = useMutation({
    mutationFn: (values: DeadlineSettings) => call('settings.updateDeadlines', values),
    onSuccess: async (saved) => {
      form.reset(saved);
      // Every list shows the clocks against the term: read them again.
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: t('deadlines.saved') });
    },
    onError: (failure) => {
      form.setError('decisionTermWeeks', { message: failure instanceof ApiError ? (failure.fields.decisionTermWeeks ?? failure.message) : failure.message });
    },
  });

  return (
    <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate aria-label={t('deadlines.title')}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('deadlines.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={640}>
          {t('deadlines.intro')}
        </Text>
        <Group align="flex-end" gap="sm">
          <Controller
            control={form.control}
            name="decisionTermWeeks"
            render={({ field, fieldState }) => (
              <NumberInput
                label={t('deadlines.weeks')}
                value={field.value}
                onChange={(value) => field.onChange(typeof value === 'number' ? value : Number.NaN)}
                onBlur={field.onBlur}
                min={1}
                max={52}
                allowDecimal={false}
                error={sentence(fieldState.error?.message)}
                w={280}
              />
            )}
          />
          <Button type="submit" loading={save.isPending} disabled={!form.formState.isDirty}>
            {t('deadlines.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
