/**
 * Writes `data/reference/common-surnames.txt`: the family names of every locale of `@faker-js/faker` (MIT; 61 locales,
 * ~19,000 names: the common surnames of English, Russian, Ukrainian, German, Italian, Spanish, Turkish… speakers),
 * read into Latin letters with `any-ascii` (apostrophes of soft signs dropped), lower case, words of three letters or more, sorted. The text scan reads it
 * (`libs/screening/src/matching/text-scan.ts`): a listed person's family name written alone names that person only
 * when it is no common surname (Lukashenko, Putin; not Smirnov or Taylor).
 *
 * Run: `node -r ts-node/register/transpile-only scripts/build-common-surnames.ts`
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allLocales } from '@faker-js/faker';
import { anyAscii } from '../libs/screening/src/normalise/scripts/any-ascii';

const names = new Set<string>();
for (const locale of Object.values(allLocales)) {
  const lastNames = (locale as { person?: { last_name?: string[] | Record<string, string[]> } }).person?.last_name;
  if (!lastNames) continue;
  for (const name of Array.isArray(lastNames) ? lastNames : Object.values(lastNames).flat()) {
    if (typeof name !== 'string') continue;
    // Soft signs come out as apostrophes (Васильев → Vasil'ev): dropped, so that the name stays one word.
    for (const word of anyAscii(name)
      .toLowerCase()
      .replace(/['\u2019]/g, '')
      .split(/[^a-z]+/))
      if (word.length >= 3) names.add(word);
  }
}
const header = [
  '# Common family names (lower case, a-z): the last names of every locale of @faker-js/faker 9.9.0 (MIT), read into',
  '# Latin with any-ascii. Built by scripts/build-common-surnames.ts; see data/PROVENANCE.md.',
];
writeFileSync(join(__dirname, '..', 'data', 'reference', 'common-surnames.txt'), `${[...header, ...[...names].sort()].join('\n')}\n`);
console.log(`${names.size} family names written`);
