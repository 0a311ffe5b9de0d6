/**
 * @tm/screening: pure sanctions-screening core (no database, no messaging).
 * - model: list-neutral `SanctionsEntry` / `ListSnapshot`;
 * - importers: OFAC SDN and non-SDN CSV, UN XML, EU FSF XML, UK HMT CSV, OpenSanctions FtM / targets /
 *   delta, `diffSnapshots` for list-version deltas;
 * - sources: files confined to an import folder or http(s) downloads (capped, timed), parsed by format;
 * - normalise: transliteration, tokens, legal forms, name preparation;
 * - matching: `ScreeningIndex.screenName` / `scanText`, `compareNames`.
 */
export * from './errors';
export * from './data-path';
export * from './model';
export * from './importers';
export * from './normalise';
export * from './matching';
export * from './default-lists';
export * from './sources';
export * from './report-screening';
