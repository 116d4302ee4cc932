import { setLocale } from '@/app/actions/locale';
import type { Locale } from '@/i18n/locale';
import type { Translate } from '@/i18n/translate';

export function LangSwitch({ locale, t }: { locale: Locale; t: Translate }) {
  return (
    <form action={setLocale} className="lang-switch" aria-label={t('lang.switch')}>
      <button type="submit" name="locale" value="en" aria-pressed={locale === 'en'} lang="en">
        EN
      </button>
      <button type="submit" name="locale" value="zh" aria-pressed={locale === 'zh'} lang="zh-CN">
        中文
      </button>
    </form>
  );
}
