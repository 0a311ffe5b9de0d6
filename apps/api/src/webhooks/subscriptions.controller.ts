import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../http/error-body';
import { parameterValidationPipe } from '../read-side/query-validation';
import { CreateSubscriptionDto, DeliveryIdParamDto, DeliveryListQueryDto, RedeliverSinceDto, SubscriptionIdParamDto, UpdateSubscriptionDto, type DeliveryView, type SubscriptionView } from './subscription.dto';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Alert webhook subscriptions (Standard Webhooks): a target URL, event types and filters, a signing secret shown
 * once; the deliveries with every attempt, and redelivery.
 */
@ApiTags('webhooks')
@ApiNotFoundResponse({ description: 'No such subscription (or delivery)', type: ErrorBodyDto })
@Controller('v1/webhooks/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe to alert webhooks', description: 'The answer holds the signing secret (`whsec_…`), shown only this once.' })
  @ApiCreatedResponse({ description: 'The subscription, with its secret' })
  @ApiUnprocessableEntityResponse({ description: 'A value breaks a rule, e.g. the url is not http(s) or resolves to a private address', type: ErrorBodyDto })
  create(@Body() dto: CreateSubscriptionDto): Promise<SubscriptionView & { secret: string }> {
    return this.subscriptions.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'Every subscription (no secrets)' })
  @ApiOkResponse({ description: '`{ items }`, the envelope of every list' })
  async list(): Promise<{ items: SubscriptionView[] }> {
    return { items: await this.subscriptions.list() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription: status, and why it was disabled if it was' })
  get(@Param(parameterValidationPipe()) params: SubscriptionIdParamDto): Promise<SubscriptionView> {
    return this.subscriptions.get(params.id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the url, description, event types or filters (`filters` replaces them as a whole)' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto })
  update(@Param(parameterValidationPipe()) params: SubscriptionIdParamDto, @Body() dto: UpdateSubscriptionDto): Promise<SubscriptionView> {
    return this.subscriptions.update(params.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the subscription with its deliveries' })
  @ApiNoContentResponse()
  delete(@Param(parameterValidationPipe()) params: SubscriptionIdParamDto): Promise<void> {
    return this.subscriptions.delete(params.id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hold deliveries (they are still recorded, and sent on resume)' })
  pause(@Param(parameterValidationPipe()) params: SubscriptionIdParamDto): Promise<SubscriptionView> {
    return this.subscriptions.setStatus(params.id, 'paused');
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send again: resumes a paused subscription, or re-enables a disabled one' })
  resume(@Param(parameterValidationPipe()) params: SubscriptionIdParamDto): Promise<SubscriptionView> {
    return this.subscriptions.setStatus(params.id, 'active');
  }

  @Post(':id/secret/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'New signing secret, shown once', description: 'The previous secret also signs (a second signature in `webhook-signature`) for WEBHOOK_SECRET_GRACE_HOURS.' })
  @ApiOkResponse({ description: '`{ secret, previousSecretExpiresAt }`' })
  rotate(@Param(parameterValidationPipe()) params: SubscriptionIdParamDto): Promise<{ secret: string; previousSecretExpiresAt: string | null }> {
    return this.subscriptions.rotateSecret(params.id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The subscription's deliveries, newest first, each with its attempts (time, status, latency, error)" })
  @ApiOkResponse({ description: '`{ items, nextCursor }`: pass `nextCursor` back as `cursor` for the next page (null on the last)' })
  deliveries(@Param(parameterValidationPipe()) params: SubscriptionIdParamDto, @Query(parameterValidationPipe()) query: DeliveryListQueryDto): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    return this.subscriptions.deliveries(params.id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send one delivery again now (same webhook-id), with a fresh retry schedule' })
  @ApiAcceptedResponse()
  redeliver(@Param(parameterValidationPipe()) params: DeliveryIdParamDto): Promise<{ deliveryId: string; state: 'scheduled' }> {
    return this.subscriptions.redeliver(params.id, params.deliveryId);
  }

  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send again every failed delivery created since a time' })
  @ApiAcceptedResponse({ description: '`{ redelivered }`: how many were scheduled' })
  redeliverFailed(@Param(parameterValidationPipe()) params: SubscriptionIdParamDto, @Body() dto: RedeliverSinceDto): Promise<{ redelivered: number }> {
    return this.subscriptions.redeliverFailedSince(params.id, dto.since);
  }
}
