/**
 * Partner API keys: `rk_<8 hex prefix>_<43 base64url secret>`. The prefix is shown in listings;
 * the database keeps only SHA-256 of the whole key (it is random and long, so a fast hash is enough).
 */
import { createHash, randomBytes } from 'node:crypto';

const KEY_PATTERN = /^rk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  key: string;
  /** `rk_<prefix>`, stored and shown. */
  prefix: string;
  secretHash: string;
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function generateApiKey(): GeneratedApiKey {
  const prefix = `rk_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export const looksLikeApiKey = (token: string) => token.startsWith('rk_');
export const isWellFormedApiKey = (token: string) => KEY_PATTERN.test(token);
