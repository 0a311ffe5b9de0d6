import { Injectable } from '@nestjs/common';
import {
  claimMatches,
  claimStatesAsOf,
  foldLedger,
  ledgerKeyString,
  readLedgerRows,
  readTransferClaimStates,
  rowMatches,
  withLedgerMembers,
  type ClaimFilter,
  type ClaimState,
  type LedgerRow,
  type RowFilter,
} from '@tm/read-models';
import { asOfTarget } from '../read-side/as-of-target';
import { decodeCursor, pageOf, type Page } from '../read-side/pages';
import { ReadSideService, type ReadContext } from '../read-side/read-side.service';

/**
 * A page of a ledger answer: rows of one country (optionally one counterparty) in ledger key order, the cursor of the
 * next page, and the moment of knowledge for `asOf`.
 */
export interface LedgerAnswer extends Page<LedgerRow> {
  country: string;
  asOf?: { requested: string; globalPosition: number; recordedAt?: string; eventsFolded: number };
}

/** Which page: at most `limit` rows after the row whose key `cursor` holds. */
export interface LedgerPage {
  limit: number;
  cursor?: string;
}

/** A ledger key of `country` (its seven fields joined by `|`, as `ledgerKeyString` writes them): a place its ledger can continue from. */
const isLedgerPosition =
  (country: string) =>
  ([key]: (string | null)[]): boolean =>
    key !== null && key.startsWith(`${country}|`) && key.split('|').length === 7;

/**
 * Reads ledgers: from `ledger_rows` when only row filters are given; by folding `claim_states` (the same fold as the
 * projection) when claim filters (credibility, dates) are given; from the event store for `asOf`. Rows are paged in
 * the order of their ledger key by code point (`COLLATE "C"` in PostgreSQL, as the fold sorts).
 */
@Injectable()
export class LedgersService {
  constructor(private readonly readSide: ReadSideService) {}

  async ledger(
    context: ReadContext,
    country: string,
    rowFilter: RowFilter,
    claimFilter: ClaimFilter,
    page: LedgerPage,
    asOf?: string,
  ): Promise<LedgerAnswer> {
    const after = page.cursor === undefined ? null : decodeCursor(page.cursor, 1, isLedgerPosition(country))[0];
    if (asOf !== undefined) return this.asOf(country, rowFilter, claimFilter, page.limit, after, asOf);
    const pool = this.readSide.pool;
    if (claimFilter.minCredibility === undefined && claimFilter.from === undefined && claimFilter.to === undefined) {
      const rows = await readLedgerRows(pool, context.schema, country, after);
      const { items, nextCursor } = pageOf(
        rows.filter((row) => rowMatches(row, rowFilter)),
        page.limit,
        (row) => [ledgerKeyString(row)],
      );
      return { country, items: await withLedgerMembers(pool, context.schema, items), nextCursor };
    }
    const states = await readTransferClaimStates(pool, context.schema, country);
    return { country, ...this.fold(states, country, rowFilter, claimFilter, page.limit, after) };
  }

  private async asOf(
    country: string,
    rowFilter: RowFilter,
    claimFilter: ClaimFilter,
    limit: number,
    after: string | null,
    asOf: string,
  ): Promise<LedgerAnswer> {
    const known = await claimStatesAsOf(this.readSide.pool, asOfTarget(asOf), { country });
    return {
      country,
      ...this.fold(known.claims, country, rowFilter, claimFilter, limit, after),
      asOf: {
        requested: asOf,
        globalPosition: known.globalPosition,
        ...(known.recordedAt ? { recordedAt: known.recordedAt } : {}),
        eventsFolded: known.eventsFolded,
      },
    };
  }

  /** `foldLedger` sorts rows by key (keys are ASCII: code point and byte order agree): the page is the rows after `after`. */
  private fold(
    states: ClaimState[],
    country: string,
    rowFilter: RowFilter,
    claimFilter: ClaimFilter,
    limit: number,
    after: string | null,
  ): Page<LedgerRow> {
    const rows = foldLedger(
      states.filter((s) => claimMatches(s, claimFilter)),
      country,
    ).filter((row) => rowMatches(row, rowFilter));
    return pageOf(after === null ? rows : rows.filter((row) => ledgerKeyString(row) > after), limit, (row) => [ledgerKeyString(row)]);
  }
}
