import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { generateApiKey } from './api-key';
import type { Role } from './roles';

export interface StoredApiKey {
  keyId: string;
  prefix: string;
  secretHash: Buffer;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const COLUMNS = 'key_id, prefix, secret_hash, name, role, created_by, created_at, expires_at, revoked_at, last_used_at';
// Writing last_used_at on every request would turn reads into writes; once a minute per key is enough to audit.
const TOUCH_INTERVAL_MS = 60_000;
// Keys in use at once are few; the bound only caps memory if many distinct keys are presented.
const CACHED_KEYS_MAX = 10_000;

function toStored(row: Record<string, unknown>): StoredApiKey {
  return {
    keyId: row.key_id as string,
    prefix: row.prefix as string,
    secretHash: row.secret_hash as Buffer,
    name: row.name as string,
    role: row.role as Role,
    createdBy: row.created_by as string,
    createdAt: row.created_at as Date,
    expiresAt: (row.expires_at as Date | null) ?? null,
    revokedAt: (row.revoked_at as Date | null) ?? null,
    lastUsedAt: (row.last_used_at as Date | null) ?? null,
  };
}

/**
 * API keys in the `api_keys` table; only hashes are stored. Keys found by prefix are kept in memory for
 * `API_KEY_CACHE_TTL_MS` (a lookup per request was a fifth of the API's CPU per report); a revocation through this
 * instance clears them at once.
 */
@Injectable()
export class ApiKeysRepository {
  private readonly touched = new Map<string, number>();
  private readonly found?: LRUCache<string, StoredApiKey>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    if (env.API_KEY_CACHE_TTL_MS > 0) this.found = new LRUCache({ max: CACHED_KEYS_MAX, ttl: env.API_KEY_CACHE_TTL_MS });
  }

  /** Creates a key. @returns the stored record and the key itself, which is shown once and never stored. */
  async create(input: { name: string; role: Role; expiresAt?: Date; createdBy: string }): Promise<{ stored: StoredApiKey; key: string }> {
    const generated = generateApiKey();
    const { rows } = await this.pool.query(
      `INSERT INTO api_keys (key_id, prefix, secret_hash, name, role, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [randomUUID(), generated.prefix, generated.secretHash, input.name, input.role, input.createdBy, input.expiresAt ?? null],
    );
    return { stored: toStored(rows[0]), key: generated.key };
  }

  /** The key with this prefix, from memory when looked up within `API_KEY_CACHE_TTL_MS`; unknown prefixes are not kept. */
  async findByPrefix(prefix: string): Promise<StoredApiKey | undefined> {
    const cached = this.found?.get(prefix);
    if (cached) return cached;
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM api_keys WHERE prefix = $1`, [prefix]);
    const stored = rows[0] ? toStored(rows[0]) : undefined;
    if (stored) this.found?.set(prefix, stored);
    return stored;
  }

  /**
   * Keys oldest first (creation time, then id), at most `limit` after the key `after` names (its creation time as
   * PostgreSQL text, exact to the microsecond, and id); `createdAtText` of each is the cursor of the next page.
   */
  async list(options: {
    limit: number;
    after?: { createdAtText: string; keyId: string };
  }): Promise<(StoredApiKey & { createdAtText: string })[]> {
    const { rows } = await this.pool.query(
      `SELECT ${COLUMNS}, created_at::text AS created_at_text FROM api_keys
       WHERE ($1::timestamptz IS NULL OR (created_at, key_id) > ($1::timestamptz, $2::uuid)) ORDER BY created_at, key_id LIMIT $3`,
      [options.after?.createdAtText ?? null, options.after?.keyId ?? null, options.limit],
    );
    return rows.map((row) => ({ ...toStored(row), createdAtText: row.created_at_text as string }));
  }

  /** @returns false when there is no such key. Revoking twice keeps the first revocation time. */
  async revoke(keyId: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE key_id = $1', [keyId]);
    this.found?.clear();
    return result.rowCount === 1;
  }

  touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.touched.set(keyId, now);
    this.pool.query('UPDATE api_keys SET last_used_at = now() WHERE key_id = $1', [keyId]).catch(() => this.touched.delete(keyId));
  }
}
