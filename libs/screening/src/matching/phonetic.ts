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
  // Each rewrite runs only when the letters it needs are there (`m`: letters present, and those rewrites add): most
  // words need few of them.
  let m = lettersOf(s);
  if (m & J) s = s.replace(/(?<=[a-z])j(?=[aeiou])/g, 'y');
  if (m & O && m & W) s = s.replace(/ow(?=[rlnmy])/g, 'u');
  // Slavic patronymic and family endings in Polish, German and French spelling (Rabinowitz, Rabinowicz, Rabinovitch).
  if (m & I && m & (W | V)) {
    s = s.replace(/(?:wicz|witz|vitz|vitch|witsch|wic|vic)$/, 'vich');
    m |= V | I | C | H;
  }
  if (m & C && m & H) {
    // After a consonant, German and Polish ch is the kh of English spelling (Werchnjaja / Verkhnyaya).
    s = s.replace(/(?<=[bdfglmnprvwz])ch/g, 'kh');
    m |= K;
    if (m & S) s = s.replace(/sch/g, 'sh');
  }
  if (m & Z && m & H) {
    if (m & D) s = s.replace(/dzh/g, 'j');
    s = s.replace(/zh/g, 'j');
  }
  if (m & H) {
    if (m & K) s = s.replace(/kh/g, 'h');
    if (m & C) s = s.replace(/(?<=[aeiou])ch(?=[aeiou])/g, 'h');
    if (m & G) s = s.replace(/gh/g, 'g');
    if (m & P) {
      s = s.replace(/ph/g, 'f');
      m |= F;
    }
    if (m & T) s = s.replace(/th/g, 't');
    if (m & D) s = s.replace(/dh/g, 'd');
  }
  if (m & C && m & K) s = s.replace(/ck/g, 'k');
  if (m & T && m & (S | Z)) {
    s = s.replace(/t[sz]/g, 's');
    m |= S;
  }
  if (m & C) s = s.replace(/c(?=[eiy])/g, 's').replace(/c(?!h)/g, 'k');
  if (m & Q) s = s.replace(/q/g, 'k');
  if (m & X) s = s.replace(/x/g, 'ks');
  if (m & W) s = s.replace(/w/g, 'v');
  s = collapse(s);
  return initialY && s.startsWith('a') ? 'y' + s : s;
}

const bit = (letter: string): number => 1 << (letter.charCodeAt(0) - 97);
const C = bit('c');
const D = bit('d');
const F = bit('f');
const G = bit('g');
const H = bit('h');
const I = bit('i');
const J = bit('j');
const K = bit('k');
const O = bit('o');
const P = bit('p');
const Q = bit('q');
const S = bit('s');
const T = bit('t');
const V = bit('v');
const W = bit('w');
const X = bit('x');
const Z = bit('z');

/** Bit `c − 'a'` set for each letter a … z in `s`. */
function lettersOf(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) m |= 1 << c;
  }
  return m;
}

/** `s` with runs of one character written once, then runs of vowels (y counted) written `a`. */
function collapse(s: string): string {
  let out = '';
  let previous = -1;
  let inVowels = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A run of one character is one (`(.)\1+`, whose `.` is any code unit but a line terminator).
    if (c === previous && !LINE_TERMINATORS.has(c)) continue;
    previous = c;
    if (VOWELS.has(c)) {
      if (!inVowels) out += 'a';
      inVowels = true;
    } else {
      out += s[i];
      inVowels = false;
    }
  }
  return out;
}

const VOWELS = new Set([...'aeiouy'].map((v) => v.charCodeAt(0)));
const LINE_TERMINATORS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

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
