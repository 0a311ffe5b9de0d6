/**
 * Set 5: false alarms on made-up names. Person names (`person.fullName`) and company names (`company.name`) from
 * @faker-js/faker's locales (Latin, Cyrillic, Greek, Arabic, Hebrew, Han, kana, Hangul, Georgian, Armenian, Thai…),
 * seeded, so the set is the same on every run; names whose words (case, accents and order ignored) equal a listed
 * name's are left out (a list really holds them). Each is screened as a report party (person or company) through
 * the app's call; any alert is a false alarm.
 */
import { allFakers, type Faker } from '@faker-js/faker';
import type { EntrySchema } from '@tm/screening';
import { screenParty, describeAlert, type AppContext } from './app-call';
import type { BundledLists } from './bundled-index';
import { groupBy, mainScript, ratio, wordKey, type Script } from './metrics';

/** Locales used (faker falls back to English for some others, e.g. bn_BD, ta_IN: left out). */
export const MADE_UP_LOCALES = [
  'en',
  'en_GB',
  'de',
  'fr',
  'es',
  'it',
  'pt_BR',
  'nl',
  'pl',
  'cs_CZ',
  'hu',
  'ro',
  'sr_RS_latin',
  'tr',
  'vi',
  'id_ID',
  'ne',
  'yo_NG',
  'zu_ZA',
  'uz_UZ_latin',
  'fi',
  'sv',
  'lv',
  'ru',
  'uk',
  'mk',
  'el',
  'ar',
  'fa',
  'ur',
  'he',
  'zh_CN',
  'zh_TW',
  'ja',
  'ko',
  'ka_GE',
  'hy',
  'th',
] as const;
/** Names drawn per locale: persons and companies. */
const PERSONS = 50;
const COMPANIES = 20;
const SEED = 20_260_301;

export interface MadeUpName {
  name: string;
  locale: string;
  schema: EntrySchema;
  script: Script;
}

/**
 * The made-up names, deterministic (`SEED`): `PERSONS` + `COMPANIES` per locale, distinct, minus those whose words
 * equal a listed name's (`listedKeys`: `wordKey` of every listed name). @returns the names and how many were left out.
 */
export function madeUpNames(listedKeys: ReadonlySet<string>): { names: MadeUpName[]; removedAsListed: string[] } {
  const seen = new Set<string>();
  const names: MadeUpName[] = [];
  const removedAsListed: string[] = [];
  for (const locale of MADE_UP_LOCALES) {
    const faker = (allFakers as Record<string, Faker>)[locale]!;
    faker.seed(SEED);
    const draw = (n: number, schema: EntrySchema, make: () => string) => {
      for (let i = 0; i < n; i++) {
        const name = make().trim();
        if (!name || seen.has(name)) continue;
        seen.add(name);
        if (listedKeys.has(wordKey(name))) removedAsListed.push(name);
        else names.push({ name, locale, schema, script: mainScript(name) });
      }
    };
    draw(PERSONS, 'Person', () => faker.person.fullName());
    draw(COMPANIES, 'Organization', () => faker.company.name());
  }
  return { names, removedAsListed };
}

export interface MadeUpResult {
  names: number;
  removedAsListed: string[];
  alerted: number;
  share: number;
  byScript: Array<{ script: Script; names: number; alerted: number }>;
  falseAlarms: Array<MadeUpName & { alerts: string[] }>;
}

export function runMadeUpSet(lists: BundledLists, ctx: AppContext): MadeUpResult {
  const listedKeys = new Set<string>();
  for (const e of lists.entries) for (const n of e.names) listedKeys.add(wordKey(n.value));
  const { names, removedAsListed } = madeUpNames(listedKeys);
  const outcomes = names.map((n) => ({ ...n, alerts: screenParty(ctx, n.name, n.schema).map(describeAlert) }));
  const falseAlarms = outcomes.filter((o) => o.alerts.length > 0);
  return {
    names: outcomes.length,
    removedAsListed,
    alerted: falseAlarms.length,
    share: ratio(falseAlarms.length, outcomes.length),
    byScript: [...groupBy(outcomes, (o) => o.script)].map(([script, os]) => ({
      script: script as Script,
      names: os.length,
      alerted: os.filter((o) => o.alerts.length > 0).length,
    })),
    falseAlarms,
  };
}
