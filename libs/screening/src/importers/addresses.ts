import type { SanctionsEntry } from '../model';

/**
 * Adds one address to `entry.addresses`: the parts the list gives (street, city, postal code, country…; absent and
 * blank parts dropped) joined by `, `, whitespace collapsed; an address already held or without any part is skipped.
 */
export function addAddress(entry: SanctionsEntry, parts: ReadonlyArray<string | undefined>): void {
  const address = parts
    .map((p) => (p ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(', ');
  if (!address) return;
  const held = (entry.addresses ??= []);
  if (!held.includes(address)) held.push(address);
}
