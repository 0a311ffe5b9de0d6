import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { toCsv } from './csv';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ALERT_EXPORT_COLUMNS, ledgerExportRows, readAlertExportRows, readLedgerClaims } from '@tm/read-models';
import { RequestValidationException } from '../http/api-exceptions';
import { ApiEtagged, ApiPolled } from '../http/api-responses';
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

/**
 * A Kiel export is one recipient's: the tracker's columns name the donor (`Countries`) and no recipient, as all its rows
 * are aid to Ukraine. Without `direction` the country's rows as donor and as recipient were mixed (Belarus's aid to
 * Russia and China's to Belarus, found by a tester), and as donor without `counterparty` its recipients were.
 * @throws RequestValidationException 422 `kielOneRecipient` naming `direction` or `counterparty`
 */
function assertOneRecipient(query: LedgerExportQueryDto): void {
  const oneRecipient = 'a Kiel export has one recipient (its columns name the donor only)';
  if (query.direction === undefined)
    throw new RequestValidationException([
      {
        path: 'direction',
        rule: 'kielOneRecipient',
        message: `direction is required with format=kiel: ${oneRecipient}; direction=recipient for the country's donors, direction=supplier with counterparty for its aid to one recipient`,
      },
    ]);
  if (query.direction === 'supplier' && query.counterparty === undefined)
    throw new RequestValidationException([
      {
        path: 'counterparty',
        rule: 'kielOneRecipient',
        message: `counterparty is required with format=kiel and direction=supplier: ${oneRecipient}; name the recipient`,
      },
    ]);
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
      "One row per transfer claim behind the country's ledger rows (the ledger's filters and `asOf` apply), sorted by report and claim id; the first column is `<reportId>/<claimId>`. `format=sipri`: the 17 columns of SIPRI's 2025+ export (countries by English name; order date and delivery year from the claim's reported year and stage; numbers delivered for delivered claims; TIV columns empty). `format=kiel`: the tracker's 16 columns (donor = supplier, announcement date = the source's publication day, value as given by the source; Kiel's own estimates empty), for one recipient, as the tracker's rows are all aid to Ukraine: `direction=recipient` (the country's donors) or `direction=supplier&counterparty=` (the country's aid to that recipient); otherwise 422 `kielOneRecipient` naming `direction` or `counterparty`, since no column would tell the rows' recipients apart. Cells beginning with `=`, `+`, `-` or `@` get a leading `'` so spreadsheets do not run them. Headers: `ETag`, `X-Projection-Position`, `X-Projection-Version`.",
  })
  @ApiOkResponse({ description: 'The CSV file', content: CSV })
  @ApiPolled()
  async ledger(
    @Query() query: LedgerExportQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<string | undefined> {
    if (query.format === 'kiel') assertOneRecipient(query);
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
  @ApiEtagged()
  async alerts(@Query() query: AlertExportQueryDto, @Res({ passthrough: true }) response: PolledResponse): Promise<string> {
    const rows = await readAlertExportRows(this.pool, query);
    asCsvFile(response, 'alerts.csv');
    return toCsv(rows, ALERT_EXPORT_COLUMNS);
  }
}
