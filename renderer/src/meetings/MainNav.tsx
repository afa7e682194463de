// The header's navigation between the register, the meetings and the completion screens.
import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import './meetings.css';

export function MainNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const within = (prefix: string) => location === prefix || location.startsWith(`${prefix}/`);
  const links = [
    // The register is home: its own pages (a petition, a student) are part of it.
    { href: '/', label: t('nav.register'), current: location === '/' || within('/petitions') || within('/students') },
    { href: '/meetings', label: t('meetings.nav'), current: within('/meetings') },
    { href: '/transcripts', label: t('grades.nav'), current: within('/transcripts') },
    { href: '/usis', label: t('usis.nav'), current: within('/usis') },
    { href: '/report', label: t('report.nav'), current: within('/report') },
  ];
  return (
    <nav aria-label={t('nav.main')} className="meeting-nav">
      <Group gap="lg" wrap="nowrap" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {links.map((link) => (
          <li key={link.href}>
            <Anchor component={Link} href={link.href} c={link.current ? undefined : 'dark'} aria-current={link.current ? 'page' : undefined} underline="hover" fw={500}>
              {link.label}
            </Anchor>
          </li>
        ))}
      </Group>
    </nav>
  );
}
