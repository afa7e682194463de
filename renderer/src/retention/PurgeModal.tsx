// The confirmation of a purge: it names the count, says that it cannot be undone and that older
// backups still hold the data, and asks for the count to be typed. The count typed is sent with the
// purge, and the main process refuses it unless it is the number of students purged.
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function PurgeModal({
  opened,
  count,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  opened: boolean;
  count: number;
  pending: boolean;
  error: Error | null;
  onCancel(): void;
  onConfirm(confirmCount: number): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={t('retention.confirm.title', { count })} closeOnClickOutside={false} size="lg">
      {/* Unmounted with the closed dialog, so the typed count never carries over to the next purge. */}
      <ConfirmForm count={count} pending={pending} error={error} onCancel={onCancel} onConfirm={onConfirm} />
    </Modal>
  );
}

function ConfirmForm({ count, pending, error, onCancel, onConfirm }: { count: number; pending: boolean; error: Error | null; onCancel(): void; onConfirm(confirmCount: number): void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === String(count);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (matches) onConfirm(Number(typed.trim()));
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm">{t('retention.confirm.body')}</Text>
        <Alert color="yellow" variant="light" role="note">
          {t('retention.confirm.backups')}
        </Alert>
        <TextInput
          label={t('retention.confirm.type', { count })}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          inputMode="numeric"
          autoComplete="off"
          data-autofocus
        />
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('retention.confirm.cancel')}
          </Button>
          <Button type="submit" color="red" loading={pending} disabled={!matches}>
            {t('retention.confirm.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
