import { loadSdn2021, loadSdn2024, loadUn2026 } from '../../src/default-lists';
import { ScreeningIndex } from '../../src/matching/screening-index';
import type { ListSnapshot } from '../../src/model';

let sdn2024: ListSnapshot | undefined;
let sdn2021: ListSnapshot | undefined;
let un: ListSnapshot | undefined;
let index2024: ScreeningIndex | undefined;

/** Lists and indexes built once per Jest worker (building the full index takes ~2 s). */
export const lists = {
  sdn2024: () => (sdn2024 ??= loadSdn2024()),
  sdn2021: () => (sdn2021 ??= loadSdn2021()),
  un: () => (un ??= loadUn2026()),
  /** Index of the 2024 SDN (with aliases) and the UN list. */
  index2024: () => (index2024 ??= new ScreeningIndex([lists.sdn2024(), lists.un()])),
};
