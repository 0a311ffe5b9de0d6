import { Injectable } from '@nestjs/common';
import { claimMatches, claimStatesAsOf, foldLedger, rowMatches, withLedgerMembers, type ClaimFilter, type ClaimState, type LedgerRow, type RowFilter, type StoredLedgerRow } from '@tm/read-models';
import { RequestValidationException } from '../http/api-exceptions';
import { ReadSideService, type ReadContext } from '../read-side/read-side.service';

/** A ledger answer: the rows of one country (optionally one counterparty), and the moment of knowledge for `asOf`. */
export interface LedgerAnswer {
  country: string;
  rows: LedgerRow[];
  asOf?: { requested: string; globalPosition: number; recordedAt?: string; eventsFolded: number };
}

/**
 * Reads ledgers: from `ledger_rows` when only row filters are given; by folding `claim_states` (the same fold as the
 * projection) when claim filters (credibility, dates) are given; from the event store for `asOf`.
 */
@Injectable()
export class LedgersService {
  constructor(private readonly readSide: ReadSideService) {}

  async ledger(context: ReadContext, country: string, rowFilter: RowFilter, claimFilter: ClaimFilter, asOf?: string): Promise<LedgerAnswer> {
    if (asOf !== undefined) return this.asOf(country, rowFilter, claimFilter, asOf);
    const pool = this.readSide.pool;
    if (claimFilter.minCredibility === undefined && claimFilter.from === undefined && claimFilter.to === undefined) {
      const { rows } = await pool.query<{ row: StoredLedgerRow }>(`SELECT row FROM ${context.schema}.ledger_rows WHERE country = $1 ORDER BY key`, [country]);
      return { country, rows: await withLedgerMembers(pool, context.schema, rows.map((r) => r.row).filter((row) => rowMatches(row, rowFilter))) };
    }
    const { rows } = await pool.query<{ state: ClaimState }>(
      `SELECT state FROM ${context.schema}.claim_states WHERE kind = 'transfer' AND EXISTS (SELECT 1 FROM unnest(ledger_keys) AS k WHERE k LIKE $1) ORDER BY report_id, claim_id`,
      [`${country}|%`],
    );
    return { country, rows: this.fold(rows.map((r) => r.state), country, rowFilter, claimFilter) };
  }

  private async asOf(country: string, rowFilter: RowFilter, claimFilter: ClaimFilter, asOf: string): Promise<LedgerAnswer> {
    const upTo = /^\d+$/.test(asOf) ? Number(asOf) : new Date(asOf);
    if (upTo instanceof Date && Number.isNaN(upTo.getTime())) throw new RequestValidationException([{ path: 'asOf', rule: 'isAsOf', message: 'asOf must be a global position (digits) or an ISO 8601 date-time of recording' }]);
    const known = await claimStatesAsOf(this.readSide.pool, upTo);
    return {
      country,
      rows: this.fold(known.claims, country, rowFilter, claimFilter),
      asOf: { requested: asOf, globalPosition: known.globalPosition, ...(known.recordedAt ? { recordedAt: known.recordedAt } : {}), eventsFolded: known.eventsFolded },
    };
  }

  private fold(states: ClaimState[], country: string, rowFilter: RowFilter, claimFilter: ClaimFilter): LedgerRow[] {
    return foldLedger(states.filter((s) => claimMatches(s, claimFilter))).filter((row) => row.country === country && rowMatches(row, rowFilter));
  }
}
