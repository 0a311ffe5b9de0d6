import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { requiredAccess } from './access-policy';
import type { AuthenticatedRequest } from './principal';
import { grants, ROLES, type Role } from './roles';
import { ApiEtagged } from '../http/api-responses';

/**
 * The actions a client may offer, each named by one request of the route it needs (a path with `x` for an id), so
 * that what `GET /v1/me` says a role may do is what the access policy lets it do.
 */
const ACTIONS = {
  submitReports: ['POST', '/v1/reports'],
  reviewAlerts: ['POST', '/v1/alerts/x/review'],
  screenNames: ['POST', '/v1/screening'],
  decideEntities: ['POST', '/v1/entities/merge'],
  importLists: ['POST', '/v1/sanctions-lists/x/imports'],
  manageApiKeys: ['POST', '/v1/api-keys'],
  manageWebhooks: ['POST', '/v1/webhooks/subscriptions'],
  rebuildProjections: ['POST', '/v1/admin/projections/x/rebuild'],
} as const;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

/** The actions of {@link ACTIONS} a key with `role` may take (reads are every role's). */
export function allowedActions(role: Role): Action[] {
  return ACTION_NAMES.filter((action) => {
    const [method, path] = ACTIONS[action];
    const access = requiredAccess(method, path);
    return access === 'public' || grants(role, access);
  });
}

export class MeDto {
  @ApiProperty({ description: 'The key id (a UUID), or `bootstrap-admin` for BOOTSTRAP_ADMIN_KEY', example: '0b7c2f1e-…' }) keyId: string;
  @ApiProperty({ description: 'Recorded as the actor of the commands this key sends', example: 'key:7e570000' }) actor: string;
  @ApiProperty({ description: 'The name given to the key when it was created' }) name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({
    type: [String],
    enum: ACTION_NAMES,
    description: 'The actions this role may take, by the access policy; every role reads',
  })
  allowed: string[];
}

/** Who the caller is: a dashboard offers only what the key's role may do. */
@ApiTags('api keys')
@Controller('v1/me')
export class MeController {
  @Get()
  @ApiOperation({
    summary: 'The calling API key: id, name, role and the actions the role allows',
    description:
      'Any role. `allowed` lists, of submitReports, reviewAlerts, screenNames, decideEntities, importLists, manageApiKeys, manageWebhooks and rebuildProjections, those the access policy grants this role.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiEtagged()
  me(@Req() request: AuthenticatedRequest): MeDto {
    // The guard has set the principal: the route needs a viewer key.
    const principal = request.principal!;
    return {
      keyId: principal.keyId,
      actor: principal.actor,
      name: principal.name,
      role: principal.role,
      allowed: allowedActions(principal.role),
    };
  }
}
