/**
 * Read-model tables. A projection version lives in a PostgreSQL schema of its own (`rm_v1`, `rm_v2`…), so a
 * rebuild fills new tables from global position 0 while the active ones serve; `public.projection_versions` says
 * which version is active. The first version is created by a migration; later ones by `RebuildService`.
 */

/** The one projection kept by the projector: every read model derives from the same claim states. */
export const READ_MODELS_PROJECTION = 'read-models';

/** PostgreSQL schema name of a projection version. */
export function schemaOfVersion(version: number): string {
  if (!Number.isInteger(version) || version < 1) throw new Error(`projection version must be a positive integer, got ${version}`);
  return `rm_v${version}`;
}

/** DDL of the table saying which projection version is active (created once, by migration). */
export const PROJECTION_VERSIONS_DDL = `
  CREATE TABLE projection_versions (
    projection    text NOT NULL,
    version       integer NOT NULL CHECK (version >= 1),
    schema_name   text NOT NULL UNIQUE,
    status        text NOT NULL CHECK (status IN ('building', 'active', 'retired', 'failed')),
    started_at    timestamptz NOT NULL DEFAULT now(),
    activated_at  timestamptz,
    finished_at   timestamptz,
    events_read   bigint NOT NULL DEFAULT 0,
    error         text,
    PRIMARY KEY (projection, version)
  );
  CREATE UNIQUE INDEX projection_versions_one_active ON projection_versions (projection) WHERE status = 'active';
  CREATE UNIQUE INDEX projection_versions_one_building ON projection_versions (projection) WHERE status = 'building';`;

/**
 * DDL of one projection version's tables in `schema`:
 * - `report_views`: one row per report, `state` = the folded `ReportState` without its claims, which `claim_states`
 *   holds (`StoredReportState`; `reportStateSql` reads the whole view);
 * - `claim_states`: one row per claim as it now stands, with the ledger and entity keys it belongs to
 *   (GIN-indexed, so an event recomputes exactly the ledger rows and entities it touches);
 * - `ledger_rows`: per country, direction, counterparty, assistance type, item category, stage and status: the row
 *   served (`row`) and its accumulator (`acc`, see `LedgerAccumulator`; NULL in rows written before it existed);
 * - `timeline_entries`: diplomatic events per participant country, ordered by the EDTF earliest bound;
 * - `entity_directory`: every named party, with its accumulator (`acc`, see `EntityAccumulator`);
 * - `search` on `report_views` and `claim_states`: full-text vectors ({@link REPORT_SEARCH_VECTOR}); `search_pairs`:
 *   the character pairs of their Chinese, Japanese or Korean text ({@link searchPairs});
 * - `supplier_country`, `recipient_country`, `claim_date`, `quantity` on `claim_states`: what flows total ({@link CLAIM_FLOW_COLUMNS});
 * - `claim_state_history` and the validity columns: the states claims had before, for `asOf` ({@link claimHistoryDdl});
 * - `stream_versions`: the last stream version applied per stream (idempotency: redelivered or replayed events
 *   at or below it change nothing), and `position`: the highest global position applied.
 * Options: `deferIndexes` leaves out the secondary indexes ({@link readModelIndexDdl}); `unlogged` creates every table
 * `UNLOGGED` (a rebuild's bulk load: no WAL, emptied by PostgreSQL's crash recovery; see {@link readModelSetLoggedDdl}).
 */
export function readModelSchemaDdl(schema: string, options: { deferIndexes?: boolean; unlogged?: boolean } = {}): string {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  const tables = readModelTablesDdl(schema) + claimHistoryDdl(schema) + searchPairsDdl(schema);
  return `${options.unlogged ? tables.replace(/CREATE TABLE /g, 'CREATE UNLOGGED TABLE ') : tables}${options.deferIndexes ? '' : readModelIndexDdl(schema)}`;
}

/** The tables of a projection version (the order does not matter: none references another). */
export const READ_MODEL_TABLES = [
  'report_views',
  'claim_states',
  'claim_state_history',
  'ledger_rows',
  'timeline_entries',
  'entity_directory',
  'stream_versions',
  'position',
] as const;

/**
 * Makes the tables of a version created `unlogged` (a rebuild's bulk load writes no WAL) crash-safe: each is
 * rewritten into the WAL with its indexes. A no-op for a table that is logged already.
 */
export function readModelSetLoggedDdl(schema: string): string {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  return READ_MODEL_TABLES.map((t) => `ALTER TABLE ${schema}.${t} SET LOGGED;`).join('\n');
}

/**
 * The secondary indexes of a projection version, created after the bulk load of a rebuild (maintaining two GIN
 * indexes row by row made `claim_states` the rebuild's costliest write). Idempotent (`IF NOT EXISTS`; the names are
 * the ones PostgreSQL gives the unnamed indexes of earlier versions).
 */
export function readModelIndexDdl(schema: string): string {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  return `
  CREATE INDEX IF NOT EXISTS report_views_submitted_position_idx ON ${schema}.report_views (submitted_position);
  CREATE INDEX IF NOT EXISTS report_views_countries_idx ON ${schema}.report_views USING gin (countries);
  CREATE INDEX IF NOT EXISTS claim_states_ledger_keys_idx ON ${schema}.claim_states USING gin (ledger_keys);
  CREATE INDEX IF NOT EXISTS claim_states_entity_keys_idx ON ${schema}.claim_states USING gin (entity_keys);
  CREATE INDEX IF NOT EXISTS ledger_rows_country_direction_counterparty_idx ON ${schema}.ledger_rows (country, direction, counterparty);
  CREATE INDEX IF NOT EXISTS timeline_entries_country_earliest_idx ON ${schema}.timeline_entries (country, earliest);
  CREATE INDEX IF NOT EXISTS report_views_search_idx ON ${schema}.report_views USING gin (search);
  CREATE INDEX IF NOT EXISTS claim_states_search_idx ON ${schema}.claim_states USING gin (search);
  CREATE INDEX IF NOT EXISTS report_views_search_text_idx ON ${schema}.report_views USING gin (${searchText('report')} gin_trgm_ops) WHERE ${searchTextIndexed('report')};
  CREATE INDEX IF NOT EXISTS claim_states_search_text_idx ON ${schema}.claim_states USING gin (${searchText('claim')} gin_trgm_ops) WHERE ${searchTextIndexed('claim')};
  CREATE INDEX IF NOT EXISTS report_views_search_pairs_idx ON ${schema}.report_views USING gin (search_pairs);
  CREATE INDEX IF NOT EXISTS claim_states_search_pairs_idx ON ${schema}.claim_states USING gin (search_pairs);
  CREATE INDEX IF NOT EXISTS claim_states_supplier_country_idx ON ${schema}.claim_states (supplier_country);
  CREATE INDEX IF NOT EXISTS claim_states_recipient_country_idx ON ${schema}.claim_states (recipient_country);
  CREATE INDEX IF NOT EXISTS claim_state_history_valid_to_idx ON ${schema}.claim_state_history (valid_to_xid, valid_to_position);
  CREATE INDEX IF NOT EXISTS claim_state_history_supplier_country_idx ON ${schema}.claim_state_history (supplier_country);
  CREATE INDEX IF NOT EXISTS claim_state_history_recipient_country_idx ON ${schema}.claim_state_history (recipient_country);`;
}

/**
 * `text` (an SQL expression) in Unicode NFC: as it is when it is ASCII or already NFC, which PostgreSQL checks faster
 * than `normalize` computes (per 2,000 characters: the ASCII test about 2 µs, `IS NFC NORMALIZED` 45 µs, `normalize`
 * 150 µs), so a write of text as most sources send it does not pay for normalising it.
 */
const nfc = (text: string) =>
  `CASE WHEN (${text}) ~ '^[\\x01-\\x7f]*$' OR (${text}) IS NFC NORMALIZED THEN (${text}) ELSE normalize(${text}, NFC) END`;

/**
 * The full-text search vectors (`search`, GIN-indexed) PostgreSQL computes whenever the projection or a rebuild
 * writes a row (generated columns: no writer can forget them). English stemming (`drones` finds `drone`). A report:
 * its source's title (weight A), publisher (B) and text (C); a claim: every string of the claim as it now stands
 * (item, designation, parties, places, outcomes: A) and of its evidence (statements, sources: C). Text is read in
 * Unicode NFC (the query too), so `Müller` finds `Mu\u0308ller` as stored and the other way round; the stored text
 * itself is kept as sent. (NFC cannot join a JSON string's first character to its opening quote: no character
 * composes with `"`, so the normalised JSON text is the same JSON.)
 */
export const REPORT_SEARCH_VECTOR = `setweight(to_tsvector('english', ${nfc(`coalesce(state->'source'->>'title', '')`)}), 'A') || setweight(to_tsvector('english', ${nfc(`coalesce(state->'source'->>'publisher', '')`)}), 'B') || setweight(to_tsvector('english', ${nfc(`coalesce(state->>'text', '')`)}), 'C')`;
export const CLAIM_SEARCH_VECTOR = `setweight(jsonb_to_tsvector('english', (${nfc(`coalesce(state->'claim', '{}')::text`)})::jsonb, '["string"]'), 'A') || setweight(jsonb_to_tsvector('english', (${nfc(`coalesce(state->'evidence', '[]')::text`)})::jsonb, '["string"]'), 'C')`;

/**
 * Characters of the scripts written without spaces (kana, Hangul jamo and syllables, CJK ideographs with extension A,
 * compatibility ideographs and the supplementary planes' extensions), as a PostgreSQL regular-expression class. The
 * trigram indexes hold only rows whose text (as stored: NFC neither adds nor removes such characters) has one, as a
 * query's such term can match no other: other rows pay a regular expression per write, not the trigrams of their text.
 */
export const UNSPACED_SCRIPT_CLASS =
  '[\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\U00020000-\\U0003ffff]';

const reportText = (row: string) =>
  `coalesce(${row}state->'source'->>'title', '') || ' ' || coalesce(${row}state->'source'->>'publisher', '') || ' ' || coalesce(${row}state->>'text', '')`;
const claimText = (row: string) => `coalesce(${row}state->'claim', '{}')::text || ' ' || coalesce(${row}state->'evidence', '[]')::text`;

/**
 * The text a query in a script written without spaces (Chinese, Japanese, Korean) is matched in, as substrings: the
 * `english` parser keeps a run of such characters as one token, so `无人机` is no token of `中国向俄罗斯出口无人机`.
 * In NFC, indexed with pg_trgm (`gin_trgm_ops`, trigrams of the characters: `ILIKE '%无人机%'` reads the index) where
 * {@link searchTextIndexed}. A claim's text is the JSON of the claim and its evidence: such a term cannot match its
 * keys or punctuation (ASCII). `row` qualifies the column (`c.`) in a query joining tables; the index reads the same
 * expression.
 */
export const searchText = (kind: 'report' | 'claim', row = '') => `(${nfc(kind === 'report' ? reportText(row) : claimText(row))})`;

/** The trigram indexes' condition (a query repeats it so that the planner reads them): the text holds {@link UNSPACED_SCRIPT_CLASS}. */
export const searchTextIndexed = (kind: 'report' | 'claim', row = '') =>
  `((${kind === 'report' ? reportText(row) : claimText(row)}) ~ '${UNSPACED_SCRIPT_CLASS}')`;

/** Anything but {@link UNSPACED_SCRIPT_CLASS}, as a PostgreSQL regular-expression class. */
const SPACED_SCRIPT_CLASS = `[^${UNSPACED_SCRIPT_CLASS.slice(1)}`;

/**
 * The character pairs (bigrams) of the runs of Chinese, Japanese or Korean characters in the NFC search text of a row,
 * NULL for a row without such characters (as {@link searchTextIndexed}): stored (`search_pairs`, GIN-indexed), so a
 * two-character term is `search_pairs @> ARRAY[term]`, which pg_trgm cannot serve (no trigram in two characters: it
 * read every indexed row). Regular expressions only (no SQL call per character): the runs are cut out (other text
 * becomes a space) and cut in twos from their first character, then again from their second (`abc` → `ab`, `c`, `bc`:
 * a run's last character may be an element too, harmless, as a term is never one such character: `minCjkTermLength`).
 * Per 1,000 such characters about 1.5 ms (pg_trgm's trigrams 0.5 ms; doubling every character instead, 2.5 ms).
 */
export const searchPairs = (kind: 'report' | 'claim', row = '') => {
  const runs = `regexp_replace(${searchText(kind, row)}, '${SPACED_SCRIPT_CLASS}+', ' ', 'g')`;
  const twos = (text: string) => `regexp_replace(${text}, '(\\S\\S)', '\\1 ', 'g')`;
  const fromSecond = `regexp_replace(${runs}, '(^| )\\S', '\\1', 'g')`;
  return `CASE WHEN ${searchTextIndexed(kind, row)} THEN array_remove(regexp_split_to_array(btrim(${twos(runs)} || ' ' || ${twos(fromSecond)}), ' +'), '') END`;
};

/**
 * The `search_pairs` columns ({@link searchPairs}), added after the others as the migration that brought them did
 * (the same column order: a rebuilt version's rows read as the live version's).
 */
function searchPairsDdl(schema: string): string {
  return `
  ALTER TABLE ${schema}.report_views ADD COLUMN search_pairs text[] GENERATED ALWAYS AS (${searchPairs('report')}) STORED;
  ALTER TABLE ${schema}.claim_states ADD COLUMN search_pairs text[] GENERATED ALWAYS AS (${searchPairs('claim')}) STORED;`;
}

/**
 * What `GET /v1/flows` totals, copied out of a claim's `state` by PostgreSQL whenever a row is written (generated
 * columns, small enough to stay in the row: the totals read neither the TOASTed `state` nor its decompression): a
 * transfer's supplier and recipient country (NULL for a diplomatic event; B-tree indexed, a country's side), its
 * reported date and its quantity as the claim holds them (JSON, NULL when absent). `CLAIM_FLOW_EXPRESSIONS`: the
 * same values computed from `kind` and `state` (for claim states that are not stored rows, such as those `asOf` folds).
 */
export const CLAIM_FLOW_EXPRESSIONS = {
  supplier_country: `CASE WHEN kind = 'transfer' THEN state->'claim'->'supplier'->>'country' END`,
  recipient_country: `CASE WHEN kind = 'transfer' THEN state->'claim'->'recipient'->>'country' END`,
  claim_date: `state->'claim'->'date'`,
  quantity: `state->'claim'->'quantity'`,
} as const;
export const CLAIM_FLOW_COLUMNS = `supplier_country  text GENERATED ALWAYS AS (${CLAIM_FLOW_EXPRESSIONS.supplier_country}) STORED,
    recipient_country text GENERATED ALWAYS AS (${CLAIM_FLOW_EXPRESSIONS.recipient_country}) STORED,
    claim_date        jsonb GENERATED ALWAYS AS (${CLAIM_FLOW_EXPRESSIONS.claim_date}) STORED,
    quantity          jsonb GENERATED ALWAYS AS (${CLAIM_FLOW_EXPRESSIONS.quantity}) STORED`;

/**
 * DDL of a version's claim-state history (`asOf` read from the projection, issue 16), shared by
 * {@link readModelSchemaDdl} and the migration that adds it to versions created before it:
 * - `claim_states.valid_from_xid`, `valid_from_position`: the checkpoint (transaction id, global position: the event
 *   store's read order) of the event that made the claim's current state; NULL for rows written before history was kept;
 * - `claim_state_history`: every state a claim had before its current one, with the `claim_states` columns flows and
 *   ledgers read (and {@link CLAIM_FLOW_COLUMNS}), valid from the checkpoint of the event that made it (NULL: before
 *   history was kept) until, excluded, that of the event that replaced it (`valid_to_*`);
 * - `position.history_xid`, `history_position`: every event at or before this checkpoint in the read order is applied
 *   (or refused by the fold) and every claim version it made is kept; NULL when the version's history is incomplete
 *   (a version built before history was kept: `asOf` then folds the event store). A new version starts at 0.
 */
export function claimHistoryDdl(schema: string): string {
  if (!/^rm_v\d+$/.test(schema)) throw new Error(`not a read-model schema name: ${schema}`);
  return `
  ALTER TABLE ${schema}.claim_states ADD COLUMN IF NOT EXISTS valid_from_xid xid8, ADD COLUMN IF NOT EXISTS valid_from_position bigint;
  CREATE TABLE IF NOT EXISTS ${schema}.claim_state_history (
    report_id            text NOT NULL,
    claim_id             text NOT NULL,
    kind                 text NOT NULL,
    status               text NOT NULL,
    credibility          smallint NOT NULL,
    ledger_keys          text[] NOT NULL,
    state                jsonb NOT NULL,
    valid_from_xid       xid8,
    valid_from_position  bigint,
    valid_to_xid         xid8 NOT NULL,
    valid_to_position    bigint NOT NULL,
    ${CLAIM_FLOW_COLUMNS},
    PRIMARY KEY (report_id, claim_id, valid_to_xid, valid_to_position)
  );
  ALTER TABLE ${schema}.position ADD COLUMN IF NOT EXISTS history_xid xid8 DEFAULT '0', ADD COLUMN IF NOT EXISTS history_position bigint DEFAULT 0;`;
}

function readModelTablesDdl(schema: string): string {
  return `
  CREATE SCHEMA ${schema};
  CREATE TABLE ${schema}.report_views (
    report_id           text PRIMARY KEY,
    submitted_position  bigint NOT NULL,
    published_on        date,
    publisher           text NOT NULL,
    source_reliability  text NOT NULL,
    status              text NOT NULL,
    countries           text[] NOT NULL,
    claim_count         integer NOT NULL,
    state               jsonb NOT NULL,
    updated_at          timestamptz NOT NULL,
    search              tsvector GENERATED ALWAYS AS (${REPORT_SEARCH_VECTOR}) STORED
  );
  CREATE TABLE ${schema}.claim_states (
    report_id    text NOT NULL,
    claim_id     text NOT NULL,
    kind         text NOT NULL,
    status       text NOT NULL,
    credibility  smallint NOT NULL,
    ledger_keys  text[] NOT NULL,
    entity_keys  text[] NOT NULL,
    state        jsonb NOT NULL,
    search       tsvector GENERATED ALWAYS AS (${CLAIM_SEARCH_VECTOR}) STORED,
    ${CLAIM_FLOW_COLUMNS},
    PRIMARY KEY (report_id, claim_id)
  );
  CREATE TABLE ${schema}.ledger_rows (
    key              text PRIMARY KEY,
    country          text NOT NULL,
    direction        text NOT NULL,
    counterparty     text NOT NULL,
    assistance_type  text NOT NULL,
    item_category    text NOT NULL,
    stage            text NOT NULL,
    status           text NOT NULL,
    row              jsonb NOT NULL,
    acc              jsonb
  );
  CREATE TABLE ${schema}.timeline_entries (
    country     text NOT NULL,
    report_id   text NOT NULL,
    claim_id    text NOT NULL,
    earliest    text,
    latest      text,
    cameo_code  text NOT NULL,
    entry       jsonb NOT NULL,
    PRIMARY KEY (country, report_id, claim_id)
  );
  CREATE INDEX ON ${schema}.timeline_entries (report_id, claim_id);
  CREATE TABLE ${schema}.entity_directory (
    key          text PRIMARY KEY,
    name         text NOT NULL,
    countries    text[] NOT NULL,
    claim_count  integer NOT NULL,
    entry        jsonb NOT NULL,
    acc          jsonb
  );
  CREATE TABLE ${schema}.stream_versions (
    stream_id  text PRIMARY KEY,
    version    bigint NOT NULL
  );
  CREATE TABLE ${schema}.position (
    singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    global_position  bigint NOT NULL DEFAULT 0,
    events_applied   bigint NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL DEFAULT now()
  );
  INSERT INTO ${schema}.position DEFAULT VALUES;`;
}
