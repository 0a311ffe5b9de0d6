import { dataPath } from './data-path';
import { loadListFromFiles } from './importers/load-from-files';
import type { ListSnapshot } from './model';

const ALIASES_2025 = 'sanctions/ofac-aliases-addresses-2025-12';

/**
 * The OFAC SDN list of 2024-05-03 from `data/`, joined with the 2025-12 alias, address and remarks
 * overflow files (the only alias files available for it; aliases of entries absent in May 2024 are
 * ignored).
 */
export function loadSdn2024(): ListSnapshot {
  return loadListFromFiles('ofac-sdn', [dataPath('sanctions/ofac-sdn-2024-05-03/sdn.csv'), dataPath(ALIASES_2025, 'alt.csv'), dataPath(ALIASES_2025, 'add.csv'), dataPath(ALIASES_2025, 'sdn_comments.csv')], { version: '2024-05-03' });
}

/** The consistent OFAC SDN file set of 2021-07-07 (`sdn.csv`, `alt.csv`, `add.csv`) from `data/`. */
export function loadSdn2021(): ListSnapshot {
  return loadListFromFiles('ofac-sdn', [dataPath('sanctions/ofac-sdn-2021-07')], { version: '2021-07-07' });
}

/** The UN Security Council consolidated list of 2026-02-27 from `data/`. */
export function loadUn2026(): ListSnapshot {
  return loadListFromFiles('un-xml', [dataPath('sanctions/un-2026-02/consolidated.xml')]);
}

/** The OFAC consolidated non-SDN list of 2025-12 from `data/`. */
export function loadNonSdn2025(): ListSnapshot {
  return loadListFromFiles('ofac-non-sdn', [dataPath('sanctions/ofac-non-sdn-2025-12')], { version: '2025-12-24' });
}
