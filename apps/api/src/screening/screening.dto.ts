import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO31661Alpha2, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export const QUERY_TYPES = ['person', 'company', 'organisation', 'government-body', 'armed-forces', 'vessel', 'aircraft', 'unknown'] as const;

/** Body of `POST /v1/screening`. */
export class ScreenNameDto {
  @ApiProperty({ example: 'Vladimir Putin' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ enum: QUERY_TYPES, description: 'Entity type (as in reports): a person is never matched against organisations' })
  @IsOptional()
  @IsIn(QUERY_TYPES)
  type?: string;

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2 countries of the party (a disjoint entry country lowers the score a little)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsISO31661Alpha2({ each: true, message: 'each value in countries must be an ISO 3166-1 alpha-2 country code' })
  countries?: string[];

  @ApiPropertyOptional({ description: 'Lowest score listed, in [0, 1]; default 0.7 (candidates below the alert threshold are shown ranked)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  threshold?: number;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
