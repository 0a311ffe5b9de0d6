import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { toCsv } from './csv';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ALERT_EXPORT_COLUMNS, ledgerExportRows, readAlertExportRows, readLedgerClaims } from '@tm/read-models';
import { ApiPolled } from '../http/api-responses';
import { ROUTES } from '../http/links';
import { asOfTarget } from '../read-side/as-of-target';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';
import { AlertExportQueryDto, LedgerExportQueryDto } from './exports.dto';

const CSV = { 'text/csv': { schema: { type: 'string' as const, description: 'RFC 4180 CSV, UTF-8, a header line first' } } };

/** Sets the CSV answer's headers: its type and a file name. */
function asCsvFile(response: PolledResponse, name: string): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
}

/** Ledgers as CSV files, in columns other tools read. */
@ApiTags('ledgers')
@Controller(ROUTES.exports)
export class LedgerExportsController {
  constructor(
    private readonly readSide: ReadSideService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get('ledger')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: "A country's ledger as CSV, in SIPRI's trade-register or the Kiel tracker's columns",
    description:
      "One row per transfer claim behind the country's ledger rows (the ledger's filters and `asOf` apply), sorted by report and claim id; the first column is `<reportId>/<claimId>`. `format=sipri`: the 17 columns of SIPRI's 2025+ export (countries by English name; order date and delivery year from the claim's reported year and stage; numbers delivered for delivered claims; TIV columns empty). `format=kiel`: the tracker's 16 columns (donor = supplier, announcement date = the source's publication day, value as given by the source; Kiel's own estimates empty). Cells beginning with `=`, `+`, `-` or `@` get a leading `'` so spreadsheets do not run them. Headers: `ETag`, `X-Projection-Position`, `X-Projection-Version`.",
  })
  @ApiOkResponse({ description: 'The CSV file', content: CSV })
  @ApiPolled()
  async ledger(
    @Query() query: LedgerExportQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<string | undefined> {
    const context = await this.readSide.context(query.minPosition);
    const states = await readLedgerClaims(
      this.pool,
      context.schema,
      query.country,
      query,
      query,
      query.asOf === undefined ? undefined : asOfTarget(query.asOf),
    );
    const { columns, rows } = ledgerExportRows(states, query.format);
    asCsvFile(response, `ledger-${query.country}-${query.format}.csv`);
    return this.readSide.reply(request, response, toCsv(rows, columns), context, query.minPosition !== undefined);
  }
}

/** Alerts as a CSV file. */
@ApiTags('alerts')
@Controller(ROUTES.exports)
export class AlertExportsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('alerts')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Alerts as CSV',
    description: `Every alert passing \`GET /v1/alerts\`' filters, newest first, in the columns ${ALERT_EXPORT_COLUMNS.join(', ')} (programs and countries joined by \`;\`, times ISO 8601, absent values empty; cells beginning with \`=\`, \`+\`, \`-\` or \`@\` get a leading \`'\` so spreadsheets do not run them).`,
  })
  @ApiOkResponse({ description: 'The CSV file', content: CSV })
  async alerts(@Query() query: AlertExportQueryDto, @Res({ passthrough: true }) response: PolledResponse): Promise<string> {
    const rows = await readAlertExportRows(this.pool, query);
    asCsvFile(response, 'alerts.csv');
    return toCsv(rows, ALERT_EXPORT_COLUMNS);
  }
}
