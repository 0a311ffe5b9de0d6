/**
 * The screening benchmark's query set (`npm run bench -- screening`), shared by the benchmark and `npm run eval`:
 * 90 % names taken from the lists (every other one with a one-letter typo: the first vowel replaced by "x"), 10 %
 * made-up names none of which a list holds.
 */
import type { ScreeningIndex } from '@tm/screening';

const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'William',
  'Susan',
  'Thomas',
  'Karen',
  'Hans',
  'Anna',
  'Pierre',
  'Sophie',
  'Giovanni',
  'Francesca',
  'Carlos',
  'Lucia',
  'Jan',
  'Katarzyna',
  'Mehmet',
  'Ayse',
  'Hiroshi',
  'Yuki',
  'Rajesh',
  'Priya',
  'Oluwaseun',
  'Amara',
  'Lars',
  'Ingrid',
  'Olga',
  'Chen',
  'Maria',
  'Johann',
  'Fatima',
  'Kwame',
  'Elena',
  'Mateo',
  'Aiko',
  'Sven',
];
const FAMILY = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Taylor',
  'Moore',
  'Martin',
  'Jackson',
  'Thompson',
  'Harris',
  'Clark',
  'Walker',
  'Müller',
  'Schmidt',
  'Dubois',
  'Lefebvre',
  'Rossi',
  'Bianchi',
  'Gonzalez',
  'Fernandes',
  'Kowalski',
  'Nowak',
  'Yilmaz',
  'Demir',
  'Tanaka',
  'Suzuki',
  'Sharma',
  'Patel',
  'Okafor',
  'Adeyemi',
  'Johansson',
  'Nielsen',
  'Petrova',
  'Weber',
  'Mensah',
  'Lindqvist',
];
const STEM = [
  'Acme',
  'Blue Harbor',
  'Northern Star',
  'Silverline',
  'Greenfield',
  'Redwood',
  'Summit',
  'Pioneer',
  'Atlas',
  'Horizon',
  'Evergreen',
  'Maple Leaf',
  'Sunrise',
  'Crescent',
  'Oakridge',
  'Lakeside',
  'Brightwater',
  'Ironbridge',
  'Westgate',
  'Eastwind',
  'Goldcrest',
  'Riverbend',
  'Stonebridge',
  'Bluebird',
  'Clearview',
  'Highland',
  'Seaside',
  'Cedar',
  'Falcon',
  'Nordic',
  'Global Parts',
  'Meadow',
];
const TRADE = [
  'Widgets',
  'Logistics',
  'Shipping',
  'Trading',
  'Foods',
  'Textiles',
  'Software',
  'Engineering',
  'Consulting',
  'Pharmaceuticals',
  'Furniture',
  'Printing',
];
const FORM = ['LLC', 'GmbH', 'Ltd', 'S.A.', 'Inc.', 'B.V.', 'Corporation', 'AB'];

/**
 * `count` distinct made-up names, alternately a person (first + family name) and a company (word + trade + legal
 * form), deterministic, skipping any whose words (case and order ignored; for companies also without the legal
 * form) equal a name in `listed`.
 */
export function unrelatedNames(count: number, listed: Iterable<string>): string[] {
  const wordsOf = (n: string) =>
    n
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .sort()
      .join(' ');
  const known = new Set<string>();
  for (const n of listed) known.add(wordsOf(n));
  const out = new Set<string>();
  for (let i = 0; out.size < count; i++) {
    const person = i % 2 === 0;
    const core = person
      ? `${FIRST[(i * 7) % FIRST.length]} ${FAMILY[(i * 13 + Math.floor(i / FIRST.length)) % FAMILY.length]}`
      : `${STEM[(i * 5) % STEM.length]} ${TRADE[(i * 11 + Math.floor(i / STEM.length)) % TRADE.length]}`;
    const name = person ? core : `${core} ${FORM[(i * 3) % FORM.length]}`;
    if (!known.has(wordsOf(name)) && !known.has(wordsOf(core))) out.add(name);
  }
  return [...out];
}

/** True for a name `unrelatedNames` made as a company (it ends with one of its legal forms). */
export function isMadeUpCompany(name: string): boolean {
  return FORM.some((f) => name.endsWith(` ${f}`));
}

/** The benchmark's one-letter typo: the first vowel replaced by "x" (Vxrobyev, Fxrnandez, xSLAMIC). */
export function typo(name: string): string {
  return name.replace(/[aeiou]/i, 'x');
}

/** One benchmark query: a list name (as listed or with a typo; `expected` = `listId:entryId`) or an unrelated one. */
export interface BenchmarkQuery {
  name: string;
  expected?: string;
  typo?: boolean;
}

/**
 * The benchmark's `count` queries over `index` (the benchmark's index: the 2024 SDN with aliases + UN): query i is
 * an unrelated name when i % 10 = 9, else name (i × 7919) mod the name count, with a typo when i is odd.
 */
export function benchmarkQueries(index: Pick<ScreeningIndex, 'nameCount' | 'table'>, count: number): BenchmarkQuery[] {
  const unrelated = unrelatedNames(
    count / 10,
    Array.from({ length: index.nameCount }, (_, i) => index.table.value(i)),
  );
  return Array.from({ length: count }, (_, i) => {
    if (i % 10 === 9) return { name: unrelated[(i - 9) / 10]! };
    const n = (i * 7919) % index.nameCount;
    const value = index.table.value(n);
    const e = index.table.entry(n);
    return { name: i % 2 ? typo(value) : value, expected: `${e.listId}:${e.entryId}`, typo: i % 2 === 1 };
  });
}
