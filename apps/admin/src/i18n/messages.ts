/**
 * Interface strings, in ICU message format for next-intl: src/i18n/messages/en.json and zh.json (the
 * same keys; `zh` is typed as `en`'s shape, and test/messages.test.ts checks their arguments match).
 * Counts are ICU plurals (`{count, plural, one {# item} other {# items}}`), never "item(s)".
 */
import type { MessageKeys, NestedKeyOf } from 'next-intl';
import type { Locale } from './locale';
import en from './messages/en.json';
import zh from './messages/zh.json';

export type Messages = typeof en;

/** A message's dotted path, e.g. `nav.public`. */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

export const MESSAGES: Record<Locale, Messages> = { en, zh };
