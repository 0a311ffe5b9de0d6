export * from './transliterate';
export * from './tokens';
export * from './legal-forms';
export * from './name-words';
export * from './prepare-name';
export * from './reference-data';
export { japaneseReadingsLoaded, preloadJapaneseReadings } from './scripts/japanese';
