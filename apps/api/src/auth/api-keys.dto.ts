import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../read-side/pages';
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
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastUsedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key: shown once, never again (only its hash is stored)', example: 'tm_3fa85f64_…' })
  key: string;
}

/** Default and largest page of `GET /v1/api-keys`. */
export const API_KEYS_PAGE = { default: 100, max: 1000 } as const;

/** `GET /v1/api-keys?limit=&cursor=`. */
export class ApiKeysQueryDto extends PageQueryDto(API_KEYS_PAGE) {}

/** A page of API keys. */
export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) items: ApiKeyDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}
