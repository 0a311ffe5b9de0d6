/**
 * Belarusian written in Russian letters: the form in which Belarusian names also reach Latin, through Russian
 * (Уладзімір Vladimir, Жаўнерчык Zhovnerchik, Канстанцін Konstantin), while the Belarusian letters give the
 * Belarusian romanisation that lists write too (Uladzimir, Aliaksandr, Dzmitry). Text is Belarusian when it has ў,
 * or і without the letters only Russian and Ukrainian use (и щ ъ ї є ґ). Regular correspondences only:
 * - ў (non-syllabic u, Russian в) → в; a word-initial у before a consonant (Belarusian у for в) → в;
 * - дз and ц before a soft vowel or the soft sign (dzekanne, tsekanne: Russian д, т) → д, т;
 * - і → и.
 * Unstressed о written а (akanne) is left: the matcher's phonetic keys already write every vowel alike.
 */

/** Belarusian has ў, and і without the letters only Russian and Ukrainian use (и, щ, ъ, ї, є, ґ). */
const BELARUSIAN_ONLY = /[ўЎ]/;
const I = /[іІ]/;
const NOT_BELARUSIAN = /[иИщЩъЪїЇєЄґҐ]/;
const SOFT = '(?=[іІеЕёЁюЮяЯьЬ])';

/** `text` with its Belarusian letters written as Russian would (see the module comment); undefined when it is not Belarusian. */
export function belarusianAsRussian(text: string): string | undefined {
  if (!BELARUSIAN_ONLY.test(text) && !(I.test(text) && !NOT_BELARUSIAN.test(text))) return undefined;
  return text
    .replace(/(?<![\p{L}\p{M}])([уУ])(?=[бвгджзйклмнпрстфхцчшщўБВГДЖЗЙКЛМНПРСТФХЦЧШЩЎ])/gu, (_m, u: string) => (u === 'у' ? 'в' : 'В'))
    .replace(/ў/g, 'в')
    .replace(/Ў/g, 'В')
    .replace(new RegExp(`дз${SOFT}`, 'g'), 'д')
    .replace(new RegExp(`Дз${SOFT}`, 'g'), 'Д')
    .replace(new RegExp(`ДЗ${SOFT}`, 'g'), 'Д')
    .replace(new RegExp(`ц${SOFT}`, 'g'), 'т')
    .replace(new RegExp(`Ц${SOFT}`, 'g'), 'Т')
    .replace(/і/g, 'и')
    .replace(/І/g, 'И');
}
