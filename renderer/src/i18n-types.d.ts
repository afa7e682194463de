// Typed translation keys: t('a.key.that.does.not.exist') is a compile error.
import type { en } from '../../shared/i18n/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    keySeparator: false;
    nsSeparator: false;
    resources: { translation: typeof en };
  }
}
