import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ALERT_GROUPINGS, GROUPED_ALERT_STATUSES } from '@tm/read-models';
import { AlertsQueryDto } from '../alerts/alerts.dto';

/** `GET /v1/alert-groups`: the grouping, and `GET /v1/alerts`' filters and paging (same rules, same messages). */
export class AlertGroupsQueryDto extends PickType(AlertsQueryDto, [
  'status',
  'list',
  'program',
  'country',
  'minScore',
  'since',
  'cursor',
  'limit',
] as const) {
  @ApiProperty({ enum: ALERT_GROUPINGS, description: 'Group per report, or per list entry' })
  @IsIn(ALERT_GROUPINGS)
  by: (typeof ALERT_GROUPINGS)[number];
}

class AlertStatusCountsDto {
  @ApiProperty() open: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() dismissed: number;
  @ApiProperty() superseded: number;
}

class AlertGroupLinksDto {
  @ApiPropertyOptional({ description: 'The report (groups by report)' }) report?: string;
  @ApiProperty({ type: [String], description: 'Each alert of the group, in `alertIds` order' }) alerts: string[];
}

/** One group (`AlertGroup` of `@tm/read-models`) with its links. */
export class AlertGroupDto {
  @ApiPropertyOptional({ description: 'Grouped by report: the report' }) reportId?: string;
  @ApiPropertyOptional({ description: 'Grouped by entry: the list', example: 'ofac-sdn' }) listId?: string;
  @ApiPropertyOptional({ description: 'Grouped by entry: the entry id in its list' }) entryId?: string;
  @ApiPropertyOptional({ description: "Grouped by entry: the entry's name in the latest alert" }) entryName?: string;
  @ApiProperty({ description: 'Alerts in the group (after the filters)' }) alerts: number;
  @ApiProperty({ type: AlertStatusCountsDto, description: `Alerts per status (${GROUPED_ALERT_STATUSES.join(', ')}), 0 when none` })
  statuses: AlertStatusCountsDto;
  @ApiProperty({ minimum: 0, maximum: 1 }) maxScore: number;
  @ApiProperty({ format: 'date-time', description: 'When the latest alert of the group was raised' }) latestRaisedAt: string;
  @ApiProperty({ type: [String], description: 'The alerts, highest score first' }) alertIds: string[];
  @ApiProperty({ description: 'Distinct list entries (by report) or reports (by entry) behind the alerts' }) counterparts: number;
  @ApiProperty({ type: AlertGroupLinksDto }) links: AlertGroupLinksDto;
}

export class AlertGroupPageDto {
  @ApiProperty({ type: [AlertGroupDto], description: 'Groups, latest raised first' }) items: AlertGroupDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as `cursor` (same filters) for the next page; null on the last page',
  })
  nextCursor: string | null;
}
