import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const OBJECT = { type: 'object', additionalProperties: true } as const;

/** A report in the list (`ReportSummary`). */
export class ReportSummaryDto {
  // No uuid format: ids of reports appended to the event store by other means than the API need not be UUIDs.
  @ApiProperty({ description: 'The report id (a UUID for reports submitted through the API)' }) reportId: string;
  @ApiProperty() publisher: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date', example: '2024-05-03' }) publishedOn: string;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E', 'F'] }) sourceReliability: string;
  @ApiProperty({ enum: ['active', 'retracted'] }) status: string;
  @ApiProperty() claimCount: number;
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

/** A page of reports, newest first. */
export class ReportPageDto {
  @ApiProperty({ type: [ReportSummaryDto] }) items: ReportSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

/** One report as it now stands (`ReportState` of `@tm/read-models`) and its screening. */
export class ReportViewDto {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ ...OBJECT, description: 'The cited source: publisher, title, publishedOn, sourceType, url?, author?, language?' })
  source: object;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E', 'F'] }) sourceReliability: string;
  @ApiPropertyOptional() text?: string;
  @ApiProperty({ enum: ['active', 'retracted'] }) status: string;
  @ApiPropertyOptional() retractionReason?: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Global position of the ReportSubmitted event' }) submittedPosition: number;
  @ApiProperty({ description: 'Stream version of the last event applied' }) version: number;
  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description:
      'Each claim as it now stands: claimId, claim, status (active/disputed/denied/retracted), credibility 1–6, source, sourceReliability, evidence, publishers, amendments, updatedAt',
  })
  claims: object[];
  @ApiProperty({
    type: 'object',
    nullable: true,
    required: ['version', 'screenedAt'],
    properties: {
      version: {
        type: 'integer',
        description: "Stream version screened: the report's alerts are all in GET /v1/alerts once it reaches `version`",
      },
      screenedAt: { type: 'string', format: 'date-time' },
    },
    description: 'What the screening app last did with the report; null until it has screened it (alerts are raised asynchronously)',
  })
  screening: { version: number; screenedAt: string } | null;
}
