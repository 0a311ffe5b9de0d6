import { ApiProperty, OmitType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { IsIso3166Alpha2 } from '@tm/domain';
import { LEDGER_EXPORT_FORMATS } from '@tm/read-models';
import { AlertsQueryDto } from '../alerts/alerts.dto';
import { LedgerQueryDto } from '../ledgers/ledger-query.dto';

/** `GET /v1/exports/ledger`: the country, the column set, and the ledger's filters (same rules; no paging). */
export class LedgerExportQueryDto extends OmitType(LedgerQueryDto, ['cursor', 'limit'] as const) {
  @ApiProperty({ description: "The ledger's country, ISO 3166-1 alpha-2 (any case)", example: 'RU' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIso3166Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code (e.g. CN, RU)' })
  country: string;

  @ApiProperty({
    enum: LEDGER_EXPORT_FORMATS,
    description:
      "`sipri`: SIPRI's trade-register columns (2025+ export); `kiel`: the Kiel Ukraine Support Tracker's columns, which name the donor and no recipient, so every row must have one recipient: `direction=recipient` (the country receives, each row names its donor) or `direction=supplier` with `counterparty` (the country's aid to that recipient), else 422 `kielOneRecipient`",
  })
  @IsIn(LEDGER_EXPORT_FORMATS)
  format: (typeof LEDGER_EXPORT_FORMATS)[number];
}

/** `GET /v1/exports/alerts`: `GET /v1/alerts`' filters (same rules; no paging). */
export class AlertExportQueryDto extends PickType(AlertsQueryDto, ['status', 'list', 'program', 'country', 'minScore', 'since'] as const) {}
