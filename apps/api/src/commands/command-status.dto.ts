import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class GlobalPositionsDto {
  @ApiProperty({ example: 41 })
  first: number;

  @ApiProperty({ example: 41 })
  last: number;
}

export class RejectionReasonDto {
  @ApiProperty({
    example: 'unknown-claim',
    description:
      'e.g. invalid-payload, unknown-claim, report-retracted, duplicate-claim-id, concurrency-conflict, unknown-command-type, unsupported-schema-version',
  })
  code: string;

  @ApiProperty({ example: 'the report has no claim zt-180' })
  message: string;

  @ApiPropertyOptional({ example: 'claim.claimId' })
  path?: string;
}

/** `GET /v1/commands/:id`: what became of a command. */
export class CommandStatusDto {
  @ApiProperty({ format: 'uuid' })
  commandId: string;

  @ApiProperty({ example: 'SubmitReport' })
  commandType: string;

  @ApiProperty({ description: 'What the command acts on: the report id, the alert id or the list id' })
  aggregateId: string;

  @ApiProperty({ enum: ['pending', 'succeeded', 'rejected'] })
  status: 'pending' | 'succeeded' | 'rejected';

  @ApiPropertyOptional({ type: GlobalPositionsDto, description: 'Global positions of the events the command produced (succeeded)' })
  globalPositions?: GlobalPositionsDto;

  @ApiPropertyOptional({ type: RejectionReasonDto })
  reason?: RejectionReasonDto;

  @ApiPropertyOptional({ format: 'date-time' })
  processedAt?: string;

  @ApiProperty({
    example: { report: '/v1/reports/2f9c…' },
    description:
      'By command type: `report` for report commands, `alert` for an alert review, `list` (the sanctions lists) for a list import',
  })
  links: { report?: string; alert?: string; list?: string };
}
