import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
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

/** API keys in the `api_keys` table; only hashes are stored. */
@Injectable()
export class ApiKeysRepository {
  private readonly touched = new Map<string, number>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Creates a key. @returns the stored record and the key itself, which is shown once and never stored. */
  async create(input: { name: string; role: Role; expiresAt?: Date; createdBy: string }): Promise<{ stored: StoredApiKey; key: string }> {
    const generated = generateApiKey();
    const { rows } = await this.pool.query(
      `INSERT INTO api_keys (key_id, prefix, secret_hash, name, role, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [randomUUID(), generated.prefix, generated.secretHash, input.name, input.role, input.createdBy, input.expiresAt ?? null],
    );
    return { stored: toStored(rows[0]), key: generated.key };
  }

  async findByPrefix(prefix: string): Promise<StoredApiKey | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM api_keys WHERE prefix = $1`, [prefix]);
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  async list(): Promise<StoredApiKey[]> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, key_id`);
    return rows.map(toStored);
  }

  /** @returns false when there is no such key. Revoking twice keeps the first revocation time. */
  async revoke(keyId: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE key_id = $1', [keyId]);
    return result.rowCount === 1;
  }

  touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.touched.set(keyId, now);
    this.pool.query('UPDATE api_keys SET last_used_at = now() WHERE key_id = $1', [keyId]).catch(() => this.touched.delete(keyId));
  }
}
