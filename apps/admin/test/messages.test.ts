/**
 * The interface strings (src/i18n/messages/{en,zh}.json) as next-intl reads them: the same keys and
 * arguments in both languages, every message valid ICU, and counts as plurals instead of "item(s)".
 */
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/i18n/messages';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value as object, path)) out.set(k, v);
  }
  return out;
}

/** The argument names a message uses: `{name}`, `{name, plural, …}`. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1] ?? ''))].sort();
}

const en = leaves(MESSAGES.en);
const zh = leaves(MESSAGES.zh);

describe('interface messages', () => {
  it('zh has exactly the keys of en, with the same arguments', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    const mismatched = [...en].filter(
      ([key, text]) => argumentsOf(text).join() !== argumentsOf(zh.get(key) ?? '').join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('every message formats without an ICU error in both languages', () => {
    for (const locale of ['en', 'zh'] as const) {
      const errors: string[] = [];
      const t = createTranslator({
        locale,
        messages: MESSAGES[locale],
        timeZone: 'UTC',
        onError: (error) => errors.push(error.message),
      }) as unknown as (key: string, values: Record<string, string | number>) => string;
      for (const [key, text] of locale === 'en' ? en : zh) {
        const values = Object.fromEntries(argumentsOf(text).map((name) => [name, 2]));
        t(key, values);
      }
      expect(errors, locale).toEqual([]);
    }
  });

  it('writes counts as plurals: no "(s)" in English', () => {
    expect([...en].filter(([, text]) => text.includes('(s)')).map(([key]) => key)).toEqual([]);
    const t = createTranslator({ locale: 'en', messages: MESSAGES.en, timeZone: 'UTC' });
    expect(t('evidence.approved', { count: 1 })).toBe('Approved 1 item.');
    expect(t('evidence.approved', { count: 3 })).toBe('Approved 3 items.');
    expect(t('methodology.problems', { count: 1 })).toBe('The document has 1 problem');
    expect(t('import.refused', { problems: 2, rows: 1 })).toBe(
      'Refused: 2 problems in 1 row. Nothing was imported.',
    );
    expect(t('editions.stale', { days: 1 })).toBe('stale · 1 day old');
  });
});
