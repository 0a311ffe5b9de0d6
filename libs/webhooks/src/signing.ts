import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * A new signing secret, `whsec_` + base64 of 32 random bytes (Standard Webhooks, "Signature scheme": symmetric
 * secrets of 24 to 64 bytes, base64 encoded, prefixed `whsec_`).
 */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The three Standard Webhooks headers of one send. */
export interface SignedHeaders {
  'webhook-id': string;
  /** Unix time in seconds. */
  'webhook-timestamp': string;
  /** `v1,<base64>` per secret, space-separated (several during a secret rotation's grace period). */
  'webhook-signature': string;
}

/**
 * Signs `body` (the exact bytes sent, UTF-8) for each secret with the `standardwebhooks` package: HMAC-SHA256 over
 * `<webhook-id>.<timestamp>.<body>`. During a rotation both the new and the old secret sign, so a receiver holding
 * either verifies (spec, "Signature scheme": multiple space-delimited signatures).
 * @param secrets `whsec_…` strings, at least one
 */
export function signWebhook(secrets: readonly string[], messageId: string, timestamp: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('signWebhook needs at least one secret');
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
