import { ValidateBy, type ValidationOptions } from 'class-validator';
import { shortUnspacedTerm } from '@tm/read-models';

/**
 * `minCjkTermLength` (422): every term of a search query holding Chinese, Japanese or Korean characters has at least
 * two such characters, or three characters in all. Such terms are matched as substrings through indexes of character
 * pairs and trigrams; a single character (国, 的) is in most rows of such text and has neither, so it would be checked
 * against every row (`shortUnspacedTerm` of @tm/read-models).
 */
export const MinCjkTermLength = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'minCjkTermLength',
      validator: {
        validate: (value) => typeof value !== 'string' || shortUnspacedTerm(value) === undefined,
        defaultMessage: (args) =>
          `q holds the Chinese, Japanese or Korean term "${shortUnspacedTerm(String(args?.value))}", too short to search: a term needs two such characters, or three characters in all (add a character, e.g. 中国 rather than 中)`,
      },
    },
    options,
  );
