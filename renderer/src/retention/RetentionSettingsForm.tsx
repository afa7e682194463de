// The retention period: whole years after a student's last decision, 7 unless agreed otherwise
// with the archivist. Saving it changes the list of students due below at once.
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { retentionSettings, type RetentionSettings } from '../../../shared/retention';
import { ApiError, call } from '../api/client';
import { sentence } from '../forms';

export function RetentionSettingsForm({ settings }: { settings: RetentionSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<RetentionSettings>({ resolver: zodResolver(retentionSettings), defaultValues: settings, mode: 'onTouched' });

  const save = useMutation({
    mutationFn: (values: RetentionSettings) => call('retention.updateSettings', values),
    onSuccess: async (saved) => {
      form.reset(saved);
      await queryClient.invalidateQueries({ queryKey: ['retention'] });
      notifications.show({ color: 'green', message: t('retention.settings.saved') });
    },
    onError: (failure) => form.setError('years', { message: failure instanceof ApiError ? (failure.fields.years ?? failure.message) : failure.message }),
  });

  return (
    <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate aria-label={t('retention.settings.title')}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('retention.settings.title')}
        </Title>
        <Group align="flex-end" gap="sm">
          <TextInput
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            step={1}
            label={t('retention.settings.years')}
            {...form.register('years', { valueAsNumber: true })}
            error={sentence(form.formState.errors.years?.message)}
            w={280}
          />
          <Button type="submit" loading={save.isPending} disabled={!form.formState.isDirty}>
            {t('retention.settings.save')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('retention.settings.hint')}
        </Text>
      </Stack>
    </form>
  );
}
