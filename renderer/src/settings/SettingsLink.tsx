// The header's link to the settings screen.
import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';

export function SettingsLink() {
  const { t } = useTranslation();
  const [location] = useLocation();
  // Retention is reached from the settings and belongs with them.
  const current = location.startsWith('/settings') || location.startsWith('/retention');
  return (
    <Anchor component={Link} href="/settings" size="sm" c={current ? undefined : 'dark'} aria-current={current ? 'page' : undefined} underline="hover" fw={500}>
      {t('settings.nav')}
    </Anchor>
  );
}
