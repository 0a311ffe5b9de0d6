import type { ClientBase, Pool } from 'pg';
import type { DirectoryEntity, StoredDirectoryEntity } from '../fold/entities';
import { withEntityReports } from '../postgres/members';

/** Which named parties: a substring of the normalised name (any text; matched literally) and an ISO 3166-1 alpha-2 country. */
export interface EntityFilter {
  text?: string;
  country?: string;
}

/** An entity with its place in the directory's order (claims, most first; then its key). */
export interface OrderedEntity {
  entity: DirectoryEntity;
  order: [claimCount: number, key: string];
}

/**
 * Up to `limit` entries of the entity directory in the read-model version `schema`, most mentioned first, after the
 * entry whose order is `after` (keyset paging), each with the reports that name it.
 */
export async function readEntityDirectory(db: Pool | ClientBase, schema: string, filter: EntityFilter, after: OrderedEntity['order'] | null, limit: number): Promise<OrderedEntity[]> {
  const needle = filter.text ? `%${filter.text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await db.query<{ entry: StoredDirectoryEntity; claim_count: number; key: string }>(
    `SELECT entry, claim_count, key FROM ${schema}.entity_directory
      WHERE ($1::text IS NULL OR key LIKE $1) AND ($2::text IS NULL OR $2 = ANY(countries))
        AND ($4::bigint IS NULL OR claim_count < $4 OR (claim_count = $4 AND key > $5))
      ORDER BY claim_count DESC, key LIMIT $3`,
    [needle, filter.country ?? null, limit, after?.[0] ?? null, after?.[1] ?? null],
  );
  const entities = await withEntityReports(db, schema, rows.map((r) => r.entry));
  return rows.map((r, i) => ({ entity: entities[i]!, order: [r.claim_count, r.key] }));
}
