import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPolled } from '../http/api-responses';
import { PAGE_LIMIT } from '../read-side/pages';
import { ReadSideService, type PolledRequest, type PolledResponse } from '../read-side/read-side.service';
import { CountryParamDto, LedgerQueryDto, PairLedgerQueryDto, SupplierRecipientParamDto } from './ledger-query.dto';
import { LedgerAnswerDto } from './ledger.dto';
import { LedgersService, type LedgerAnswer } from './ledgers.service';

/** Per-country assistance ledgers, seen as supplier and as recipient. */
@ApiTags('ledgers')
@Controller('v1/ledgers')
export class LedgersController {
  constructor(
    private readonly ledgers: LedgersService,
    private readonly readSide: ReadSideService,
  ) {}

  @Get(':country')
  @ApiOperation({
    summary: "A country's assistance ledger",
    description:
      'A page (`{ country, items, nextCursor }`: pass `nextCursor` back as `cursor`, null on the last page) of rows in ledger key order, one per direction × counterparty × assistance type × item category × stage × claim status, with claim counts, quantities per unit, values per currency, date bounds, best/worst credibility, independent sources, CHPL tiers and the report ids behind it. Headers: `ETag`, `X-Projection-Position`, `X-Projection-Version`.',
  })
  @ApiOkResponse({ type: LedgerAnswerDto })
  @ApiPolled()
  async ledger(
    @Param() params: CountryParamDto,
    @Query() query: LedgerQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<LedgerAnswer | undefined> {
    const context = await this.readSide.context(query.minPosition);
    const answer = await this.ledgers.ledger(
      context,
      params.country,
      query,
      query,
      { limit: query.limit ?? PAGE_LIMIT.default, cursor: query.cursor },
      query.asOf,
    );
    return this.readSide.reply(request, response, answer, context, query.minPosition !== undefined);
  }

  @Get(':supplier/:recipient')
  @ApiOperation({
    summary: 'What one country supplies to another',
    description: "The supplier's ledger narrowed to one recipient (direction supplier).",
  })
  @ApiOkResponse({ type: LedgerAnswerDto })
  @ApiPolled()
  async pair(
    @Param() params: SupplierRecipientParamDto,
    @Query() query: PairLedgerQueryDto,
    @Req() request: PolledRequest,
    @Res({ passthrough: true }) response: PolledResponse,
  ): Promise<LedgerAnswer | undefined> {
    const context = await this.readSide.context(query.minPosition);
    const answer = await this.ledgers.ledger(
      context,
      params.supplier,
      { ...query, direction: 'supplier', counterparty: params.recipient },
      query,
      { limit: query.limit ?? PAGE_LIMIT.default, cursor: query.cursor },
      query.asOf,
    );
    return this.readSide.reply(request, response, answer, context, query.minPosition !== undefined);
  }
}
