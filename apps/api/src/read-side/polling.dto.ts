import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?minPosition=N`: read your own write (wait, at most 5 s, until the projection has applied global position N). */
export class PollingQueryDto {
  @ApiPropertyOptional({
    description:
      'Wait (at most 5 s) until the projection has applied the event at this global position; `X-Projection-Caught-Up: false` if it has not',
    example: 42,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}
