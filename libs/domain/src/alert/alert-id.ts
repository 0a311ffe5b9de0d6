import { createHash } from 'node:crypto';

/** Namespace of alert ids (a fixed random UUID), so they never collide with UUIDs derived for other things. */
const ALERT_NAMESPACE = 'b6f1c0de-5a3e-4c1b-9f8e-2d7a41c3e9a0';

/**
 * UUID (version 5 layout: SHA-1 of namespace + name, RFC 9562 §5.5) of the alert for one report location and list
 * entry. The same inputs always give the same id, so screening a report twice raises one alert.
 */
export function alertIdFor(reportId: string, location: string, listId: string, entryId: string): string {
  const ns = Buffer.from(ALERT_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(`${reportId}\u0000${location}\u0000${listId}\u0000${entryId}`, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
