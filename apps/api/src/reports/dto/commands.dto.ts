import { ApiProperty } from '@nestjs/swagger';

export class CommandLinksDto {
  @ApiProperty({ example: '/v1/commands/7b0e…' })
  command: string;

  @ApiProperty({ example: '/v1/reports/2f9c…' })
  report: string;
}

/** The 202 answer to an accepted command. */
export class CommandAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  commandId: string;

  @ApiProperty({ format: 'uuid', description: 'The report id' })
  aggregateId: string;

  @ApiProperty({ type: CommandLinksDto })
  links: CommandLinksDto;
}
