import { isOlderVersion } from './import-sanctions-list';

describe('isOlderVersion: a list version older than the one in force, by the date it begins with', () => {
  it.each([
    ['2021-07-07', '2024-05-03', true],
    ['2024-05-03', '2024-05-03', false],
    ['2024-05-04', '2024-05-03', false],
    ['2026-02-27T10:00:00', '2026-02-28', true],
    ['20240503014702-pfh', '20240528014702-pfh', true],
    ['20240503014702-pfh', '2024-05-02', false],
    ['v7', '2024-05-03', false],
    ['2021-07-07', 'v8', false],
    ['2021-07-07', null, false],
  ])('%s against %s: %s', (next, inForce, older) => expect(isOlderVersion(next, inForce)).toBe(older));
});
