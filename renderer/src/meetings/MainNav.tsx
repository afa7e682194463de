// The header's navigation between the register and the meetings.
import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import './meetings.css';

export function MainNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const inMeetings = location.startsWith('/meetings');
  const inTranscripts = location.startsWith('/transcripts');
  const inUsis = location.startsWith('/usis');
  const inReport = location.startsWith('/report');
  const links = [
    { href: '/', label: t('nav.register'), current: !inMeetings && !inTranscripts && !inUsis && !inReport },
    { href: '/meetings', label: t('meetings.nav'), current: inMeetings },
    { href: '/transcripts', label: t('grades.nav'), current: inTranscripts },
    { href: '/usis', label: t('usis.nav'), current: inUsis },
    { href: '/report', label: t('report.nav'), current: inReport },
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
