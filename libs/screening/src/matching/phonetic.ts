/**
 * Romanisation-tolerant key of a normalised token: spellings of one name in different
 * transliteration systems get the same key (Khouri/Khoury, Husain/Hussain, Zhelvinsky/Jelvinskiy,
 * Zavyalov/Zavjalov, Muhammad/Mohammed, Ebrahim/Ibrahim, Rabinovich/Rabinowitz, Verkhnyaya/Werchnjaja). Consonant digraphs are unified (kh→h, zh→j,
 * ph→f, ts/tz→s, w→v, q→k, c→k/s), doubled letters collapsed and every vowel run (y counted as a vowel)
 * written as one `a`, so vowel-only differences vanish while consonant differences remain
 * (Traore ≠ Toure, Shing ≠ Hing).
 */
export function phoneticKey(token: string): string {
  let s = token;
  // Initial Y is a consonant (Yamasachi ≠ Umisachi); initial X is the Cyrillic/Georgian Kh.
  const initialY = s.startsWith('y');
  if (s.startsWith('x')) s = 'h' + s.slice(1);
  s = s.replace(/(?<=[a-z])j(?=[aeiou])/g, 'y').replace(/ow(?=[rlnmy])/g, 'u');
  // Slavic patronymic and family endings in Polish, German and French spelling (Rabinowitz, Rabinowicz, Rabinovitch).
  s = s.replace(/(?:wicz|witz|vitz|vitch|witsch|wic|vic)$/, 'vich');
  // After a consonant, German and Polish ch is the kh of English spelling (Werchnjaja / Verkhnyaya).
  s = s.replace(/(?<=[bdfglmnprvwz])ch/g, 'kh');
  s = s
    .replace(/sch/g, 'sh')
    .replace(/dzh/g, 'j')
    .replace(/zh/g, 'j')
    .replace(/kh/g, 'h')
    .replace(/(?<=[aeiou])ch(?=[aeiou])/g, 'h')
    .replace(/gh/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/ck/g, 'k')
    .replace(/t[sz]/g, 's')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c(?!h)/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v');
  s = s.replace(/(.)\1+/g, '$1');
  s = s.replace(/[aeiouy]+/g, 'a');
  return initialY && s.startsWith('a') ? 'y' + s : s;
}

/** Keys `cachedPhoneticKey` remembers (then it forgets them all and starts again). */
const CACHED_KEYS = 50_000;
const cachedKeys = new Map<string, string>();

/**
 * `phoneticKey(token)`, remembered: queries' words and runs recur in every comparison a query makes and across queries
 * (a key is some twenty regular-expression passes).
 */
export function cachedPhoneticKey(token: string): string {
  let key = cachedKeys.get(token);
  if (key === undefined) {
    if (cachedKeys.size >= CACHED_KEYS) cachedKeys.clear();
    cachedKeys.set(token, (key = phoneticKey(token)));
  }
  return key;
}

/** Forgets every key `cachedPhoneticKey` remembers (benchmarks timing names met for the first time). */
export function forgetCachedPhoneticKeys(): void {
  cachedKeys.clear();
}
