import type { ListSnapshot } from '../model';
import { parseOfacCsv, type OfacCsvFiles, type OfacParseOptions } from './ofac-csv';

/**
 * Parses OFAC's consolidated non-SDN list (SSI, NS-PLC, CMIC, … files `cons_prim.csv`, `cons_alt.csv`,
 * `cons_add.csv`, `cons_comments.csv`), which has exactly the SDN CSV layout. See `parseOfacCsv`.
 * @throws ListFormatError
 */
export function parseOfacNonSdnCsv(files: OfacCsvFiles, options: Omit<OfacParseOptions, 'listId'>): ListSnapshot {
  return parseOfacCsv(files, { ...options, listId: 'ofac-non-sdn' });
}
