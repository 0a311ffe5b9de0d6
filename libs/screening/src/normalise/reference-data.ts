import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../data-path';

/** One organisation type of the rigour legal-form lexicon (`data/reference/legal-forms-org_types.yml`). */
export interface OrgTypeDef {
  display?: string;
  compare?: string;
  generic?: string;
  aliases?: string[];
}

/** The stopword lists of rigour's `name-stopwords.yml` used here. */
export interface NameStopwords {
  PERSON_NAME_PREFIXES: string[];
  ORG_NAME_PREFIXES: string[];
  OBJ_NAME_PREFIXES: string[];
  NAME_SPLIT_PHRASES: string[];
  GENERIC_PERSON_NAMES: string[];
}

let orgTypes: OrgTypeDef[] | undefined;
let stopwords: NameStopwords | undefined;

/**
 * Organisation types from `data/reference/legal-forms-org_types.yml` (opensanctions/rigour, MIT),
 * read once per process.
 * @throws Error when the file is missing or has no `types` list.
 */
export function loadOrgTypes(): OrgTypeDef[] {
  if (!orgTypes) {
    const doc = parse(readFileSync(dataPath('reference', 'legal-forms-org_types.yml'), 'utf8')) as { types?: OrgTypeDef[] };
    if (!Array.isArray(doc?.types)) throw new Error('legal-forms-org_types.yml: no types list');
    orgTypes = doc.types;
  }
  return orgTypes;
}

/** Stopword lists from `data/reference/name-stopwords.yml` (opensanctions/rigour, MIT), read once. */
export function loadNameStopwords(): NameStopwords {
  if (!stopwords) {
    const doc = parse(readFileSync(dataPath('reference', 'name-stopwords.yml'), 'utf8')) as Partial<NameStopwords>;
    stopwords = {
      PERSON_NAME_PREFIXES: doc.PERSON_NAME_PREFIXES ?? [],
      ORG_NAME_PREFIXES: doc.ORG_NAME_PREFIXES ?? [],
      OBJ_NAME_PREFIXES: doc.OBJ_NAME_PREFIXES ?? [],
      NAME_SPLIT_PHRASES: doc.NAME_SPLIT_PHRASES ?? [],
      GENERIC_PERSON_NAMES: doc.GENERIC_PERSON_NAMES ?? [],
    };
  }
  return stopwords;
}
