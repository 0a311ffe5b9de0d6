/**
 * One colour per item category, the same on every page (the chart coloured a country's categories in the order they
 * sorted on its page: `ml10` was green on China's page and pink on Russia's). Pure: unit-tested without a browser.
 */

/** Okabe–Ito without black, then Paul Tol's muted colours: told apart by colour-blind readers, dark enough on white. */
export const CATEGORY_PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#332288',
  '#44AA99',
  '#999933',
  '#CC6677',
  '#882255',
  '#117733',
  '#AA4499',
  '#DDCC77',
] as const;

/**
 * The categories the ledgers name (`itemCategoryOf` of `@tm/read-models`), in the order they take the palette's
 * colours (the first 14, most reported, share none), then a hash of the name for any other.
 */
const KNOWN_CATEGORIES = [
  // The 14 most reported, of distinct colours: those of the worked examples first.
  'aircraft',
  'missiles',
  'ml10',
  'ml4',
  'ml11',
  'ml22',
  'navigation-and-radar',
  'aircraft-parts',
  'dual-use-7',
  'unmanned-aircraft',
  'integrated-circuits',
  'air-defence-systems',
  'armoured-vehicles',
  'artillery',
  // Then the rest of SIPRI's, the other derived ones.
  'engines',
  'sensors',
  'ships',
  'naval-weapons',
  'satellites',
  'other',
  'semiconductors',
  'telecommunications',
  'electronic-equipment',
  'cameras-and-transmitters',
  'computers',
  'optics',
  'bearings',
  'machinery',
  'arms-and-ammunition',
  'electrical-equipment',
  'instruments',
  'vehicles',
  'fuels',
];

/** Items no scheme classifies: grey, a colour no category takes. */
export const UNCLASSIFIED_COLOUR = '#777777';

/** The colour of a category: its place among the known categories, else a hash of its name (FNV-1a), into the palette; grey when unclassified. */
export function categoryColour(category: string): string {
  if (category === 'unclassified') return UNCLASSIFIED_COLOUR;
  const known = KNOWN_CATEGORIES.indexOf(category);
  if (known >= 0) return CATEGORY_PALETTE[known % CATEGORY_PALETTE.length];
  let hash = 0x811c9dc5;
  for (let i = 0; i < category.length; i++) hash = Math.imul(hash ^ category.charCodeAt(i), 0x01000193) >>> 0;
  return CATEGORY_PALETTE[hash % CATEGORY_PALETTE.length];
}
