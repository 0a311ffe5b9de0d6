import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../http/error-body';
import {
  CreateSubscriptionDto,
  DeliveryIdParamDto,
  DeliveryListQueryDto,
  RedeliverSinceDto,
  SubscriptionIdParamDto,
  UpdateSubscriptionDto,
  type DeliveryView,
  type SubscriptionView,
} from './subscription.dto';
import { SubscriptionsService } from './subscriptions.service';
import {
  CreatedSubscriptionDto,
  DeliveryPageDto,
  RedeliveredCountDto,
  RedeliveryDto,
  RotatedSecretDto,
  SubscriptionListDto,
  SubscriptionViewDto,
} from './subscription-view.dto';
import { ApiEtagged } from '../http/api-responses';

/**
 * Alert webhook subscriptions (Standard Webhooks): a target URL, event types and filters, a signing secret shown
 * once; the deliveries with every attempt, and redelivery.
 */
@ApiTags('webhooks')
@Controller('v1/webhooks/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe to alert webhooks',
    description: 'The answer holds the signing secret (`whsec_…`), shown only this once.',
  })
  @ApiCreatedResponse({ type: CreatedSubscriptionDto, description: 'The subscription, with its secret' })
  @ApiUnprocessableEntityResponse({
    description: 'A value breaks a rule, e.g. the url is not http(s) or resolves to a private address',
    type: ErrorBodyDto,
  })
  create(@Body() dto: CreateSubscriptionDto): Promise<SubscriptionView & { secret: string }> {
    return this.subscriptions.create(dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Every subscription (no secrets)',
    description: 'All of them at once in `{ items, nextCursor: null }` (an admin keeps a handful), oldest first.',
  })
  @ApiOkResponse({ type: SubscriptionListDto })
  @ApiEtagged()
  async list(): Promise<{ items: SubscriptionView[]; nextCursor: null }> {
    // The whole list in one page (an admin keeps a handful): the one list shape, with no next page.
    return { items: await this.subscriptions.list(), nextCursor: null };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One subscription: status, and why it was disabled if it was',
    description: 'Never the secret: it is shown only on creation and rotation.',
  })
  @ApiOkResponse({ type: SubscriptionViewDto })
  @ApiEtagged()
  get(@Param() params: SubscriptionIdParamDto): Promise<SubscriptionView> {
    return this.subscriptions.get(params.id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change the url, description, event types or filters',
    description: 'Fields left out keep their value; `filters` replaces the filters as a whole. The url is checked as on creation.',
  })
  @ApiOkResponse({ type: SubscriptionViewDto, description: 'The subscription as changed' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto })
  update(@Param() params: SubscriptionIdParamDto, @Body() dto: UpdateSubscriptionDto): Promise<SubscriptionView> {
    return this.subscriptions.update(params.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the subscription with its deliveries', description: 'Pending deliveries are not sent.' })
  @ApiNoContentResponse()
  delete(@Param() params: SubscriptionIdParamDto): Promise<void> {
    return this.subscriptions.delete(params.id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hold deliveries', description: 'Deliveries are still recorded while paused, and sent on resume.' })
  @ApiOkResponse({ type: SubscriptionViewDto })
  pause(@Param() params: SubscriptionIdParamDto): Promise<SubscriptionView> {
    return this.subscriptions.setStatus(params.id, 'paused');
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send again', description: 'Resumes a paused subscription, or re-enables one the notifier disabled.' })
  @ApiOkResponse({ type: SubscriptionViewDto })
  resume(@Param() params: SubscriptionIdParamDto): Promise<SubscriptionView> {
    return this.subscriptions.setStatus(params.id, 'active');
  }

  @Post(':id/secret/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'New signing secret, shown once',
    description: 'The previous secret also signs (a second signature in `webhook-signature`) for WEBHOOK_SECRET_GRACE_HOURS.',
  })
  @ApiOkResponse({ type: RotatedSecretDto })
  rotate(@Param() params: SubscriptionIdParamDto): Promise<{ secret: string; previousSecretExpiresAt: string | null }> {
    return this.subscriptions.rotateSecret(params.id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "The subscription's deliveries, newest first",
    description:
      'Each with its attempts (time, status, latency, error). A page `{ items, nextCursor }`: pass `nextCursor` back as `cursor` (null on the last page).',
  })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiEtagged()
  deliveries(
    @Param() params: SubscriptionIdParamDto,
    @Query() query: DeliveryListQueryDto,
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    return this.subscriptions.deliveries(params.id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send one delivery again now', description: 'Same webhook-id, with a fresh retry schedule.' })
  @ApiAcceptedResponse({ type: RedeliveryDto })
  redeliver(@Param() params: DeliveryIdParamDto): Promise<{ deliveryId: string; state: 'scheduled' }> {
    return this.subscriptions.redeliver(params.id, params.deliveryId);
  }

  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send again every failed delivery created since a time',
    description: 'Each gets a fresh retry schedule; the answer says how many were scheduled.',
  })
  @ApiAcceptedResponse({ type: RedeliveredCountDto })
  redeliverFailed(@Param() params: SubscriptionIdParamDto, @Body() dto: RedeliverSinceDto): Promise<{ redelivered: number }> {
    return this.subscriptions.redeliverFailedSince(params.id, dto.since);
  }
}
