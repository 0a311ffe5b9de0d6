/**
 * @tm/sanctions: the sanctions lists in PostgreSQL.
 * - `importSanctionsList`: one list version from files or downloads (parsed by `@tm/screening`'s importers) into the
 *   list's event stream as a delta of versioned events, with `sanctions_lists` / `sanctions_entries`, in one transaction;
 * - `loadScreeningIndex`: the screening index over the entries in force, read in pages from one snapshot, for every
 *   app that screens.
 */
export * from './import-sanctions-list';
export * from './load-screening-index';
export * from './load-holdings';
export * from './load-program-targets';
export * from './load-front-company-index';
