// Asks the certificate's password for one export. It lives in this dialog's state only while the
// dialog is open: it is sent with the export call and never stored, by the page or the register.
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function PasswordModal({
  opened,
  number,
  certificate,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  opened: boolean;
  number: string;
  certificate: string;
  pending: boolean;
  error: Error | null;
  onCancel(): void;
  onSubmit(password: string): void;
}) {
  const { t } = useTranslation();
  // The form is unmounted with the closed dialog, and the password with it.
  return (
    <Modal opened={opened} onClose={onCancel} title={t('letter.password.title', { number })} closeOnClickOutside={false}>
      <PasswordForm certificate={certificate} pending={pending} error={error} onCancel={onCancel} onSubmit={onSubmit} />
    </Modal>
  );
}

function PasswordForm({
  certificate,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  certificate: string;
  pending: boolean;
  error: Error | null;
  onCancel(): void;
  onSubmit(password: string): void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const fieldError = error instanceof ApiError ? error.fields.password : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(password);
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm">{t('letter.password.intro', { path: certificate })}</Text>
        <PasswordInput
          label={t('letter.password.label')}
          description={t('letter.password.hint')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldError}
          autoComplete="off"
          data-autofocus
        />
        {error && !fieldError && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('letter.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('letter.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
