import { anyAscii } from './any-ascii';

/**
 * Georgian (Mkhedruli) → Latin by `any-ascii`, whose table follows the Georgian national system of 2002 (ხ kh, ღ gh,
 * ძ dz, შ sh); its apostrophes after ejectives (კ k', ტ t') are dropped by the tokeniser. Chosen over
 * `transliteration`, which reads ხ as "x" and ძ as "z'" (ხობი "xobi" for Khobi, კვინიკაძე "kvinikaz'e").
 */
export function georgianToLatin(run: string): string {
  return anyAscii(run);
}

/**
 * Armenian → Latin by `any-ascii` (Hübschmann-Meillet-like, ծ ts, ջ j, շ sh), with the digraph ու read as the vowel u
 * it writes (both libraries give "ow": Ծատուրյան "Tsatowryan" for Tsaturyan) and և as "ev".
 */
export function armenianToLatin(run: string): string {
  return anyAscii(run.replace(/ու/g, 'u').replace(/Ու/g, 'U').replace(/ՈՒ/g, 'U').replace(/և/g, 'ev'));
}

/**
 * Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Kazakh…) → Latin by `any-ascii`, close to BGN/PCGN as
 * sanctions lists write Russian names: х kh, ц ts, щ shch, й y (Хаматович → "Khamatovich", Цой → "Tsoy"). Chosen over
 * `transliteration`, which writes х h and ц c ("Hamatovich", "Coy"); the soft sign's apostrophe is dropped by the
 * tokeniser.
 */
export function cyrillicToLatin(run: string): string {
  return anyAscii(run);
}
