import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key format: `tm_<prefix>_<secret>`, where `prefix` is 8 hex characters that identify the key (safe to show and
 * log) and `secret` is 32 random bytes in base64url. Only SHA-256 of the whole key is stored.
 */
const KEY_PATTERN = /^tm_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  secretHash: Buffer;
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(4).toString('hex');
  const key = `tm_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** The key's prefix, or undefined when `key` is not in the API key format. */
export function apiKeyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

/** Constant-time comparison of a presented key with a stored hash. */
export function matchesHash(key: string, storedHash: Buffer): boolean {
  const presented = hashApiKey(key);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}
