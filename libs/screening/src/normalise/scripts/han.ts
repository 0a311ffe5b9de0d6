import { pinyin } from 'pinyin-pro';
import { anyAscii } from './any-ascii';

/**
 * Toneless pinyin of a run of Han characters (`pinyin-pro`, which reads polyphones in context), one syllable per
 * space-separated token: 习近平 → "xi jin ping", 沧澜远洋 → "cang lan yuan yang". ü is written u (Lü → "lu", as lists
 * write it). The iteration mark 々 repeats the syllable before it (pinyin-pro reads it "tong"); a character pinyin-pro
 * does not know (rare extension-block ideographs) falls back to `any-ascii`, so the run never leaves a non-Latin token.
 * Japanese kanji are read the same way (Chinese readings: consistent, not Japanese).
 */
export function hanToLatin(run: string): string {
  const syllables = pinyin(run, { toneType: 'none', type: 'array' });
  const out: string[] = [];
  [...run].forEach((ch, i) => {
    const syl = syllables[i] ?? ch;
    if (ch === '\u3005' && out.length) out.push(out[out.length - 1]!);
    else out.push(/[^\x20-\x7e]/.test(syl) ? anyAscii(syl.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase() : syl);
  });
  return out.filter(Boolean).join(' ');
}
