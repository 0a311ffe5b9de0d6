import { toRomaji } from 'wanakana';

/**
 * Hepburn reading of a run of Japanese kana (`wanakana` `toRomaji`), written as lists write Japanese names: without
 * long-vowel marks, so ou, oo → o and uu → u (さとう → "sato", シンゾー → "shinzo"), the katakana middle dot ・
 * (between a foreign given name and family name) as a space, and the n-apostrophe (jon'un) removed.
 */
export function kanaToLatin(run: string): string {
  const romaji = toRomaji(run.replace(/[\u30fb\uff65]/g, ' ').replace(/\u30fc/g, ''));
  return romaji.replace(/'/g, '').replace(/o[ou]/g, 'o').replace(/uu/g, 'u');
}
