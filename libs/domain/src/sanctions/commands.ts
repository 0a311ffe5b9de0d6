/**
 * Commands on a sanctions list (aggregate id = the list id, e.g. `ofac-sdn`), sent by the API
 * (`POST /v1/sanctions-lists/:listId/imports`) and run by the processor.
 */
export interface ImportSanctionsListV1 {
  listId: string;
  /**
   * Where the list comes from: http(s) URLs, or paths relative to the configured import folder
   * (`SANCTIONS_IMPORT_DIR`). More than one only for OFAC CSV (`sdn.csv` with `alt.csv`, `add.csv`,
   * `sdn_comments.csv`), or a folder holding them.
   */
  sources: string[];
  /** Importer format (`ofac-sdn`, `un-xml`, `opensanctions-delta`…); derived from the list id when absent. */
  format?: string;
  /** The version to record when the file carries none (OFAC); else the file's date. */
  version?: string;
  /**
   * Import it even when it is older than the version in force (a rollback: the entries designated since are delisted);
   * without it such an import fails (`list-version`, rule `notOlderThanInForce`) and the version in force stays.
   */
  allowOlder?: boolean;
}

export const SanctionsCommands = {
  ImportSanctionsList: { type: 'ImportSanctionsList', schemaVersion: 1 },
} as const;

export type SanctionsCommandType = keyof typeof SanctionsCommands;
