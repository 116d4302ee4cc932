import type { Locale } from '@/i18n/locale';
import type { Messages } from '@/i18n/messages';

/** Typed message keys and arguments for next-intl's `t` (src/i18n/messages.ts). */
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
