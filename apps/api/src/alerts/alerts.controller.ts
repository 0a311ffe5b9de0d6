import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { ReviewAlertsV1, ReviewAlertV1 } from '@tm/domain';
import { CommandGateway } from '../commands/command-gateway.service';
import { uuidParam } from '../http/uuid';
import { notFound, RequestValidationException } from '../http/api-exceptions';
import { idempotencyKeyErrors } from '../http/idempotency-key';
import { ErrorBodyDto } from '../http/error-body';
import { AlertsQueryDto, ReviewAlertDto, ReviewAlertsDto } from './alerts.dto';
import { AlertsService } from './alerts.service';
import { AlertDetailDto, AlertPageDto } from './alert-view.dto';
import type { AuthenticatedRequest } from '../auth/principal';
import { links, ROUTES } from '../http/links';
import { ApiEtagged } from '../http/api-responses';

/** Alerts raised by screening, and their review (acknowledge, confirm, dismiss as a false positive). */
@ApiTags('alerts')
@Controller(ROUTES.alerts)
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly gateway: CommandGateway,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Alerts, newest first, filtered by status, list, program, country, minimum score and time; cursor pagination',
    description: 'A page `{ items, nextCursor }`: pass `nextCursor` back as `cursor` for the next page (null on the last).',
  })
  @ApiOkResponse({ type: AlertPageDto })
  @ApiEtagged()
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  list(@Query() query: AlertsQueryDto) {
    return this.alerts.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One alert with its explanation and history',
    description:
      'The matched list entry, the score and its explanation, the review and, when the alert was superseded (its entry delisted or amended, its report amended or retracted), why (`superseded.reason`).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AlertDetailDto })
  @ApiEtagged()
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async get(@Param('id', uuidParam('id')) id: string) {
    const alert = await this.alerts.get(id);
    if (!alert) throw notFound('id', 'alert', id);
    return alert;
  }

  @Post('review')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Review many alerts with one status and reason, all or nothing',
    description:
      'One ReviewAlerts command: the processor decides each alert by the rule of a single review and, in one transaction, appends AlertReviewed to every alert, or to none when one is unknown or refused (the command is then rejected, `reason.path` naming it as `alertIds[i]`). Follow it with GET /v1/commands/:id.',
  })
  @ApiAcceptedResponse({
    description: 'The command id; the aggregate is the batch (an id of its own)',
    schema: {
      type: 'object',
      required: ['commandId', 'aggregateId', 'links'],
      properties: {
        commandId: { type: 'string', format: 'uuid' },
        aggregateId: { type: 'string', format: 'uuid', description: 'The batch id' },
        links: { type: 'object', required: ['command'], properties: { command: { type: 'string' } } },
      },
    },
  })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto })
  async reviewMany(
    @Body() body: ReviewAlertsDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: { id?: unknown } & AuthenticatedRequest,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
  ) {
    const keyErrors = idempotencyKeyErrors(key);
    if (keyErrors.length > 0) throw new RequestValidationException(keyErrors);
    const fingerprint = { alertIds: body.alertIds, status: body.status, reason: body.reason };
    const payload = ({ aggregateId }: { aggregateId: string }): ReviewAlertsV1 => ({ batchId: aggregateId, ...fingerprint });
    const correlationId = typeof req.id === 'string' ? req.id : String(req.id ?? '');
    const accepted = await this.gateway.accept({
      type: 'ReviewAlerts',
      fingerprint,
      payload,
      actor: req.principal?.actor ?? 'anonymous',
      correlationId: correlationId || 'none',
      idempotencyKey: key,
    });
    const commandLinks = { command: links.command(accepted.commandId) };
    res.setHeader('Location', commandLinks.command);
    return { ...accepted, links: commandLinks };
  }

  @Post(':id/review')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Review an alert: acknowledged, confirmed or dismissed (false positive), with a reason',
    description: 'A command recorded as AlertReviewed; follow it with GET /v1/commands/:id.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({
    description: 'The command id; the aggregate is the alert',
    schema: {
      type: 'object',
      required: ['commandId', 'aggregateId', 'links'],
      properties: {
        commandId: { type: 'string', format: 'uuid' },
        aggregateId: { type: 'string', format: 'uuid', description: 'The alert id' },
        links: { type: 'object', required: ['command', 'alert'], properties: { command: { type: 'string' }, alert: { type: 'string' } } },
      },
    },
  })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto })
  async review(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReviewAlertDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: { id?: unknown } & AuthenticatedRequest,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
  ) {
    const keyErrors = idempotencyKeyErrors(key);
    if (keyErrors.length > 0) throw new RequestValidationException(keyErrors);
    if (!(await this.alerts.get(id))) throw notFound('id', 'alert', id);
    const payload: ReviewAlertV1 = { alertId: id, status: body.status, reason: body.reason };
    const correlationId = typeof req.id === 'string' ? req.id : String(req.id ?? '');
    const accepted = await this.gateway.accept({
      type: 'ReviewAlert',
      aggregateId: id,
      fingerprint: payload,
      payload: () => payload,
      actor: req.principal?.actor ?? 'anonymous',
      correlationId: correlationId || 'none',
      idempotencyKey: key,
    });
    const commandLinks = { command: links.command(accepted.commandId), alert: links.alert(id) };
    res.setHeader('Location', commandLinks.command);
    return { ...accepted, links: commandLinks };
  }
}
