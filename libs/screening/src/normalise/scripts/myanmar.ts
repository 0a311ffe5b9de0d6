/**
 * Latin reading of Burmese (Myanmar script) in the conventional romanisation that Myanmar names and company names use
 * in Latin (Aung, Kyaw, Zaw, Htun, Shwe, Hlaing, Thein, Mingalar), syllable by syllable. Hand table: no maintained npm
 * library romanises Burmese, and `any-ascii` / `transliteration` spell it letter by letter (ရွှေ "rvhe" for Shwe,
 * အောင် "'ean" for Aung), which matches nothing. Syllables are separated by spaces like pinyin (Latin writes a
 * name's syllables apart, "U Kyaw Zaw Htun", and glues a word's, "Yadanar"; the matcher rejoins adjacent tokens).
 * Tone marks are dropped; voicing inside compounds (တ read d in ရတနာ Yadanar) is not guessed.
 */

/** Onset consonants (conventional spellings; ရ is y as in modern Burmese: Yadanar, Yangon). */
const ONSETS: Readonly<Record<string, string>> = {
  က: 'k',
  ခ: 'kh',
  ဂ: 'g',
  ဃ: 'g',
  င: 'ng',
  စ: 's',
  ဆ: 'hs',
  ဇ: 'z',
  ဈ: 'z',
  ဉ: 'ny',
  ည: 'ny',
  ဋ: 't',
  ဌ: 'ht',
  ဍ: 'd',
  ဎ: 'd',
  ဏ: 'n',
  တ: 't',
  ထ: 'ht',
  ဒ: 'd',
  ဓ: 'd',
  န: 'n',
  ပ: 'p',
  ဖ: 'hp',
  ဗ: 'b',
  ဘ: 'b',
  မ: 'm',
  ယ: 'y',
  ရ: 'y',
  လ: 'l',
  ဝ: 'w',
  သ: 'th',
  ဟ: 'h',
  ဠ: 'l',
  အ: '',
  ဿ: 'th',
};
/** Independent vowels (a syllable of their own). */
const INDEPENDENT: Readonly<Record<string, string>> = { ဣ: 'i', ဤ: 'i', ဥ: 'u', ဦ: 'u', ဧ: 'e', ဩ: 'aw', ဪ: 'aw' };
/** Final consonants (written with asat ် or stacked with virama ္) by the class that decides the rhyme. */
const FINAL_CLASS: Readonly<Record<string, 'k' | 'ng' | 's' | 'ny' | 't' | 'n' | 'p' | 'm' | 'y'>> = {
  က: 'k',
  ဂ: 'k',
  င: 'ng',
  စ: 's',
  ဇ: 's',
  ည: 'ny',
  ဉ: 'ny',
  ဋ: 't',
  ဍ: 't',
  တ: 't',
  ဒ: 't',
  ဏ: 'n',
  န: 'n',
  ပ: 'p',
  ဗ: 'p',
  ဘ: 'p',
  မ: 'm',
  ယ: 'y',
  လ: 'n',
};

/** Rhyme of vowel signs × final class ('' = open syllable), conventional spelling. */
function rhyme(vowel: string, final: string, medialW: boolean): string {
  const f = final === 'm' ? 'n' : final === 'p' ? 't' : final;
  if (medialW && vowel === '' && (f === 'n' || f === 't')) return f === 'n' ? 'un' : 'ut'; // ွန် "un": Htun
  const w = medialW ? 'w' : '';
  switch (vowel) {
    case '':
      return w + ({ '': 'a', k: 'et', ng: 'in', s: 'it', ny: 'i', t: 'at', n: 'an', y: 'e' } as Record<string, string>)[f]!;
    case 'a':
      return w + (f === '' ? 'ar' : 'a' + f);
    case 'i':
      return w + ({ '': 'i', n: 'ein', t: 'eik', k: 'eik', ng: 'ein' } as Record<string, string>)[f]!;
    case 'u':
      return w + ({ '': 'u', n: 'on', t: 'ok', k: 'ok', ng: 'on' } as Record<string, string>)[f]!;
    case 'e':
      return w + 'e';
    case 'ai':
      return w + 'e';
    case 'aw':
      return w + ({ '': 'aw', ng: 'aung', k: 'auk', n: 'aung', t: 'auk' } as Record<string, string>)[f]!;
    case 'o':
      return w + ({ '': 'o', ng: 'aing', k: 'aik', n: 'aing', t: 'aik' } as Record<string, string>)[f]!;
    default:
      return w + 'a';
  }
}

/** The vowel a syllable's vowel signs spell: '' inherent a, a, i, u, e, ai, aw (ော), o (ို). */
function vowelOf(signs: string): string {
  const has = (c: string) => signs.includes(c);
  if (has('\u1031') && (has('\u102c') || has('\u102b'))) return 'aw';
  if (has('\u102d') && has('\u102f')) return 'o';
  if (has('\u1031')) return 'e';
  if (has('\u1032')) return 'ai';
  if (has('\u102d') || has('\u102e')) return 'i';
  if (has('\u102f') || has('\u1030')) return 'u';
  if (has('\u102c') || has('\u102b')) return 'a';
  return '';
}

/** Onset with its medials: ျ/ြ y (khy → ch), ှ h (before m n ng ny l: hm, hl…; ရှ/ယှ → sh), ွ w. */
function onsetOf(consonant: string, medials: string): { onset: string; medialW: boolean } {
  let onset = ONSETS[consonant] ?? '';
  const y = /[\u103b\u103c]/.test(medials);
  const h = medials.includes('\u103e');
  if (h && (consonant === 'ရ' || consonant === 'ယ' || (y && consonant === 'လ'))) onset = 'sh';
  else {
    if (y) onset = onset === 'kh' ? 'ch' : onset + 'y';
    if (h) onset = 'h' + onset;
  }
  return { onset, medialW: medials.includes('\u103d') };
}

const CONSONANT = '\u1000-\u1021';
const SYLLABLE = new RegExp(
  // onset (consonant or independent vowel), signs, optional final consonant killed by asat/virama, tone marks
  `([${CONSONANT}\u1023-\u102a\u103f])([\u102b-\u1038\u103a-\u103e]*)(?:([${CONSONANT}])\u1037?([\u103a\u1039])\u1037?)?([\u1036-\u1039\u103a]*)(?![\u103a\u1039])`,
  'gu',
);

/**
 * How a reading spells a run: `syllables`, each syllable as written (the default); `compound`, as Latin forms often
 * spell a word of several syllables: a plain or aspirated k, s, t, p onset after an open syllable voiced (g, z, d,
 * b: ရတနာ "ya da nar" Yadanar; not after a final consonant or nasal, where a name's next word usually starts:
 * Aung Kyaw), the rhyme ယ် written "el" (ကြယ် "kyel" Kyal, သယ် Thel), and a minor syllable read as speech reduces
 * it: a short u with neither final nor tone mark before another syllable is the reduced vowel Latin writes "a", and
 * as minor syllables begin their word it is not voiced (ပုလဲ "pa le" Pale, ပုသိမ် "pa thein" Pathein, ပုဂံ "pa gan" Pagan).
 */
export type MyanmarReading = 'syllables' | 'compound';

/** Voiced onsets of a compound's later syllables (the aspirate's h dropped: ထ ht → d). */
const VOICED: Readonly<Record<string, string>> = { k: 'g', kh: 'g', ky: 'gy', ch: 'gy', s: 'z', hs: 'z', t: 'd', ht: 'd', p: 'b', hp: 'b' };

/**
 * Latin reading of a run of Myanmar script (see the module comment): ဦးကျော်ဇော်ထွန်း → "u kyaw zaw htun"; read as a
 * `compound` (see `MyanmarReading`), ရတနာ → "ya da nar".
 */
export function myanmarToLatin(run: string, reading: MyanmarReading = 'syllables'): string {
  const out: string[] = [];
  let voicing = false;
  for (const m of run.matchAll(SYLLABLE)) {
    const [, first, signs = '', finalC, , tail = ''] = m;
    if (INDEPENDENT[first!] !== undefined) {
      out.push(INDEPENDENT[first!]!);
      voicing = true;
      continue;
    }
    const all = signs + tail;
    const parts = onsetOf(first!, signs);
    const medialW = parts.medialW;
    let onset = parts.onset;
    const anusvara = all.includes('\u1036') ? 'n' : '';
    const final = finalC ? (FINAL_CLASS[finalC] ?? 'n') : anusvara;
    const vowel = vowelOf(signs);
    let text = rhyme(vowel, final, medialW);
    if (reading === 'compound') {
      // A minor syllable (short u \u102f alone, no final, no tone, another syllable after it) begins a word.
      const minor =
        vowel === 'u' &&
        final === '' &&
        !medialW &&
        signs === '\u102f' &&
        tail === '' &&
        m.index! + m[0].length < run.length &&
        /[\u1000-\u1021]/.test(run[m.index! + m[0].length]!);
      if (minor) text = 'a';
      else if (voicing && VOICED[onset] !== undefined) onset = VOICED[onset]!;
      if (final === 'y' && vowel === '' && !medialW) text = 'el';
      voicing = final === '' && !minor;
    }
    out.push(onset + text);
  }
  return out.join(' ');
}
