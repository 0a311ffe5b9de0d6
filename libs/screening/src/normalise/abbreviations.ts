/**
 * Contractions of company words, written out before names are compared ("Delancourt Bros. Mfg. Co." =
 * "Delancourt Brothers Manufacturing Co."). Keys are normalised tokens (`normaliseTokens`: lower case, dots
 * dropped); each expands to one word. Abbreviations that keep a word's start (Comm., Equip.) need no entry: token
 * similarity relates them (`isPrefixAbbreviation`). Legal forms (Co., Ltd., Cia.) are not here: `legal-forms.ts`.
 * Sources: common usage in company registers and trade documents (US SEC EDGAR conformed names, Brazilian "Ind. e
 * Com.", Italian "F.lli", Spanish "Hnos.", French "Sté", German "Gebr."); where one contraction has several
 * expansions, the one of the language that uses it as a fixed form is chosen (Ind. e Com. → Indústria e Comércio).
 */
export const COMPANY_WORD_CONTRACTIONS: Readonly<Record<string, string>> = {
  // English
  intl: 'international',
  natl: 'national',
  svcs: 'services',
  svc: 'service',
  srvcs: 'services',
  mfg: 'manufacturing',
  mfrs: 'manufacturers',
  mfr: 'manufacturer',
  mgmt: 'management',
  mgt: 'management',
  bros: 'brothers',
  assoc: 'associates',
  assocs: 'associates',
  assn: 'association',
  dept: 'department',
  govt: 'government',
  engg: 'engineering',
  engr: 'engineering',
  hldgs: 'holdings',
  hldg: 'holding',
  grp: 'group',
  trdg: 'trading',
  sys: 'systems',
  imp: 'import',
  exp: 'export',
  dist: 'distribution',
  distr: 'distribution',
  mktg: 'marketing',
  mkt: 'market',
  constr: 'construction',
  devt: 'development',
  dev: 'development',
  invt: 'investment',
  shpg: 'shipping',
  nav: 'navigation',
  chem: 'chemical',
  elec: 'electric',
  pharm: 'pharmaceutical',
  wks: 'works',
  whse: 'warehouse',
  agcy: 'agency',
  ins: 'insurance',
  univ: 'university',
  inst: 'institute',
  eqpt: 'equipment',
  equip: 'equipment',
  transp: 'transport',
  // Portuguese, Spanish, Italian, French, German, Dutch
  ind: 'industria',
  com: 'comercio',
  hnos: 'hermanos',
  hno: 'hermano',
  flli: 'fratelli',
  ste: 'societe',
  gebr: 'gebruder',
  mij: 'maatschappij',
};

/** The written-out word for a contraction, or the token itself. */
export function expandContraction(token: string): string {
  return COMPANY_WORD_CONTRACTIONS[token] ?? token;
}
