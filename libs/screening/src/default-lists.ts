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
  return loadListFromFiles(
    'ofac-sdn',
    [
      dataPath('sanctions/ofac-sdn-2024-05-03/sdn.csv'),
      dataPath(ALIASES_2025, 'alt.csv'),
      dataPath(ALIASES_2025, 'add.csv'),
      dataPath(ALIASES_2025, 'sdn_comments.csv'),
    ],
    { version: '2024-05-03' },
  );
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

/**
 * The real lists bundled in `data/sanctions/` (see data/PROVENANCE.md) as import requests (`listId`, optional
 * `version`, `sources` relative to the import folder): what `npm start` imports the first time, and the benchmarks.
 */
export const BUNDLED_LISTS: { listId: string; version?: string; sources: string[] }[] = [
  {
    listId: 'ofac-sdn',
    version: '2024-05-03',
    sources: [
      'ofac-sdn-2024-05-03/sdn.csv',
      'ofac-aliases-addresses-2025-12/alt.csv',
      'ofac-aliases-addresses-2025-12/add.csv',
      'ofac-aliases-addresses-2025-12/sdn_comments.csv',
    ],
  },
  { listId: 'ofac-non-sdn', version: '2025-12-24', sources: ['ofac-non-sdn-2025-12'] },
  { listId: 'un', sources: ['un-2026-02/consolidated.xml'] },
  { listId: 'opensanctions', sources: ['opensanctions/zala-kalashnikov.entities.ftm.json'] },
];
