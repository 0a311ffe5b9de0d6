import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AddEvidenceV1, AmendClaimV1, ClaimInput, ReportCommandType, RetractReportV1, SubmitReportV1 } from '@tm/domain';
import { CommandGateway } from '../commands/command-gateway.service';
import { uuidParam } from '../http/uuid';
import { RequestValidationException } from '../http/api-exceptions';
import type { AuthenticatedRequest } from '../auth/principal';
import { idempotencyKeyErrors } from '../http/idempotency-key';
import { ErrorBodyDto } from '../http/error-body';
import { AddEvidenceDto, AmendClaimDto, RetractReportDto, sameClaimId, SubmitReportDto } from '@tm/domain';
import { CommandAcceptedDto } from './dto/commands.dto';
import { links, ROUTES } from '../http/links';

interface HttpRequest extends AuthenticatedRequest {
  id?: unknown;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'Retries with the same key and body get the same command id and answer; the same key with another body is refused (422). 1–200 visible ASCII characters.',
});

const errorResponses = [
  ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Malformed JSON, unknown field, or a field of the wrong type' }),
  ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description: 'A value breaks a rule (code list, format) or the Idempotency-Key was used for another body',
  }),
  ApiPayloadTooLargeResponse({ type: ErrorBodyDto }),
  ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'The broker did not take the command in time; see Retry-After' }),
];
/**
 * The OpenAPI documentation of a report command endpoint: `summary`, its path parameters (`id` a UUID), the
 * Idempotency-Key header, the 202 answer and the error answers.
 */
const reportCommand =
  (summary: string, ...params: Array<'id' | 'claimId'>): MethodDecorator =>
  (target, key, descriptor) => {
    const decorators = [
      ApiOperation({
        summary,
        description:
          'A command on the commands topic, keyed by report id: answered 202 with the command id once Kafka took it; GET /v1/commands/:id tells what became of it.',
      }),
      ...params.map((name) => ApiParam(name === 'id' ? { name, format: 'uuid' } : { name })),
      idempotencyHeader,
      ApiAcceptedResponse({ type: CommandAcceptedDto }),
      ...errorResponses,
    ];
    for (const d of decorators) d(target, key, descriptor);
  };

/**
 * Report commands: each request is validated, turned into a command on the commands topic (keyed by report id) and
 * answered 202 with the command id; `GET /v1/commands/:id` tells what became of it.
 */
@ApiTags('reports')
@Controller(ROUTES.reports)
export class ReportsController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @reportCommand('Submit a report: a cited source, its Admiralty grade and the claims extracted from it')
  submit(
    @Body() body: SubmitReportDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<CommandAcceptedDto> {
    return this.send('SubmitReport', undefined, body, key, req, res, ({ aggregateId }): SubmitReportV1 => ({
      reportId: aggregateId,
      source: body.source,
      sourceReliability: body.sourceReliability,
      ...(body.text ? { text: body.text } : {}),
      claims: body.claims as ClaimInput[],
    }));
  }

  @Post(':id/claims/:claimId/amendments')
  @HttpCode(HttpStatus.ACCEPTED)
  @reportCommand('Amend a claim: replace it by a corrected version (same id and kind)', 'id', 'claimId')
  amend(
    @Param('id', uuidParam('id')) id: string,
    @Param('claimId') claimId: string,
    @Body() body: AmendClaimDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<CommandAcceptedDto> {
    if (!sameClaimId(body.claim.claimId, claimId))
      throw new RequestValidationException([
        { path: 'claim.claimId', rule: 'equalsRouteClaimId', message: `claim.claimId must be the claim id of the route (${claimId})` },
      ]);
    return this.send('AmendClaim', id, { claimId, body }, key, req, res, (): AmendClaimV1 => ({
      reportId: id,
      claim: body.claim as ClaimInput,
      reason: body.reason,
    }));
  }

  @Post(':id/claims/:claimId/evidence')
  @HttpCode(HttpStatus.ACCEPTED)
  @reportCommand(
    'Add evidence to a claim: a source that supports, confirms, contradicts, denies, qualifies or retracts it',
    'id',
    'claimId',
  )
  addEvidence(
    @Param('id', uuidParam('id')) id: string,
    @Param('claimId') claimId: string,
    @Body() body: AddEvidenceDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<CommandAcceptedDto> {
    // The evidence id is the command id: a retry of the command names the same evidence.
    return this.send('AddEvidence', id, { claimId, body }, key, req, res, ({ commandId }): AddEvidenceV1 => ({
      reportId: id,
      evidence: { evidenceId: commandId, claimId, ...body },
    }));
  }

  @Post(':id/retraction')
  @HttpCode(HttpStatus.ACCEPTED)
  @reportCommand('Retract a report: its claims stop counting and stay visible as retracted', 'id')
  retract(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RetractReportDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<CommandAcceptedDto> {
    return this.send('RetractReport', id, body, key, req, res, (): RetractReportV1 => ({ reportId: id, reason: body.reason }));
  }

  private async send(
    type: ReportCommandType,
    aggregateId: string | undefined,
    fingerprint: unknown,
    idempotencyKey: string | undefined,
    req: HttpRequest,
    res: HttpResponse,
    payload: (ids: { commandId: string; aggregateId: string }) => unknown,
  ): Promise<CommandAcceptedDto> {
    const keyErrors = idempotencyKeyErrors(idempotencyKey);
    if (keyErrors.length > 0) throw new RequestValidationException(keyErrors);
    const correlationId = typeof req.id === 'string' ? req.id : String(req.id ?? '');
    const accepted = await this.gateway.accept({
      type,
      aggregateId,
      fingerprint,
      payload,
      actor: req.principal?.actor ?? 'anonymous',
      correlationId: correlationId || 'none',
      idempotencyKey,
    });
    const commandLinks = { command: links.command(accepted.commandId), report: links.report(accepted.aggregateId) };
    res.setHeader('Location', commandLinks.command);
    return { ...accepted, links: commandLinks };
  }
}
