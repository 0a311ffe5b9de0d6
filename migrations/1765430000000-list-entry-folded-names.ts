import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A list's entries are searched by name in one normal form on both sides: `sanctions_entries.folded_names` holds the
 * entry's primary name and every other name, one a line, in NFKC and lower case (as `GET
 * /v1/sanctions-lists/{listId}/entries?q=` reads `q`), so a full-width letter or a ligature (`ＡＢＣ`, `ﬁ`) and its
 * plain form find each other whichever side holds which. A stored generated column: the names are normalised once
 * when an import writes the entry, not on every search (normalising them per search doubled its time on 20,000
 * entries). The DDL is frozen here as text (searchListEntries of @tm/read-models reads the column). Adding it rewrites
 * the table once.
 */
export class ListEntryFoldedNames1765430000000 implements MigrationInterface {
  name = 'ListEntryFoldedNames1765430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE FUNCTION sanctions_entry_folded_names(entry jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN lower(normalize(coalesce(entry->>'primaryName', '') || E'\\n'
          || coalesce((SELECT string_agg(n->>'value', E'\\n') FROM jsonb_array_elements(entry->'names') AS n), ''), NFKC))`,
    );
    await db.query(
      `ALTER TABLE sanctions_entries ADD COLUMN folded_names text NOT NULL GENERATED ALWAYS AS (sanctions_entry_folded_names(entry)) STORED`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sanctions_entries DROP COLUMN folded_names`);
    await db.query(`DROP FUNCTION sanctions_entry_folded_names(jsonb)`);
  }
}
