import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDateTime } from '../http/date-formats';
import { ROLES, type Role } from './roles';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'dashboard (read only)', description: 'Who or what uses the key' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES, example: 'viewer' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ example: '2027-12-31T00:00:00Z', description: 'ISO 8601 time after which the key stops working' })
  @IsOptional()
  @IsCalendarDateTime()
  expiresAt?: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) keyId: string;
  @ApiProperty({ example: '3fa85f64', description: 'Identifies the key; the key itself starts with tm_<prefix>_' }) prefix: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) lastUsedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key: shown once, never again (only its hash is stored)', example: 'tm_3fa85f64_…' })
  key: string;
}
