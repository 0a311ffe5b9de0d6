/**
 * Consonant skeletons for names written in an abjad (Arabic, Persian, Hebrew).
 *
 * An abjad writes consonants and long vowels only, so the Latin reading of محمد is "mhmd" and of אברהם "avrhm", while
 * the list writes "Mohammed" and "Abraham". No reading can guess the vowels; instead both sides are reduced to the
 * same consonant skeleton and compared on that.
 */

/**
 * Ordered Latin rewrites that merge the spellings romanisations use for one abjad consonant. Each is applied to the
 * whole token before vowels are dropped.
 */
const DIGRAPHS: Array<[RegExp, string]> = [
  [/dj/g, 'j'], // Djamel (French) = Jamal: ج
  [/[kc]h/g, 'h'], // kh, ch = h: Hebrew ח is written H, Kh and Ch (Haim, Chaim, Nakhmias)
  [/gh/g, 'g'], // غ gh / g
  [/sh/g, 's'], // ش / ש; Hebrew ש is also "s" (sin) and readings of it vary
  [/[tz]h/g, 't'], // ث th; zh kept close to it is rare in abjad names
  [/dh/g, 'd'], // ذ dh / d
  [/ph/g, 'f'],
  [/t[sz]/g, 's'], // צ ts / tz (Tsur, Tzur); ص s
  [/ck/g, 'k'],
  [/x/g, 'ks'],
];

/**
 * The consonant skeleton of a Latin token (or of several tokens: everything but a–z is ignored, so "abd allah" and
 * "Abdullah" give the same skeleton; pass Arabic readings joined with their article, "al ghazalat" → "lgzlt").
 *
 * Mapping, in order (lower case, non-letters removed first):
 * - digraphs: dj → j; kh, ch → h; gh → g; sh → s; th, zh → t; dh → d; ph → f; ts, tz → s; ck → k; x → ks;
 * - letters: q, c → k; p → f (Hebrew פ is p or f); v, b → b, and w → b at the start of the token (Hebrew ב is b or v,
 *   ו is v, Arabic و is w, Persian و is v);
 * - a final h (after the vowels are dropped) is dropped: final ه/ة/ה is a vowel that Latin forms write or not
 *   (Abdullah, Fatima, Khamenei for خامنه‌ای "khmnhy");
 * - vowels a e i o u are dropped, and y and w everywhere but at the start of the token (there they are consonants:
 *   Yusuf, Walid; inside a name they are the long vowels ي/و/י/ו: Hussein ↔ حسين "hsyn");
 * - doubled letters are collapsed (Mohammed ↔ mhmd: the shadda is not written).
 *
 * Examples: Mohammed, Muhammad, محمد ("mhmd") → "mhmd"; Abraham, Avraham, אברהם ("avrhm") → "brhm";
 * Abdullah, عبد الله ("aabd llh") → "bdl"; Hussein, حسين ("hsyn") → "hsn"; Khamenei, خامنئي ("khmny'y") → "hmn";
 * Haddad, Chaddad, חדאד ("hdad") → "hd".
 * Short skeletons collide often: compare them only between a Latin name and an abjad reading, and weigh a meeting
 * skeleton of fewer than 3 letters as weak evidence.
 * @returns lower-case consonants (b d f g h j k l m n r s t y z), possibly empty.
 */
export function consonantSkeleton(latinToken: string): string {
  let s = latinToken
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  for (const [re, to] of DIGRAPHS) s = s.replace(re, to);
  s = s.replace(/[qc]/g, 'k').replace(/p/g, 'f').replace(/v/g, 'b').replace(/^w/, 'b');
  const first = s[0] === 'y' ? 'y' : '';
  s = first + (first ? s.slice(1) : s).replace(/[aeiouyw]/g, '');
  return s.replace(/(.)\1+/g, '$1').replace(/(?<=.)h$/, '');
}

/** Whether two tokens (or token groups, see {@link consonantSkeleton}) share a non-empty consonant skeleton. */
export function sameConsonantSkeleton(a: string, b: string): boolean {
  const sa = consonantSkeleton(a);
  return sa.length > 0 && sa === consonantSkeleton(b);
}
