import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { checkTargetUrl, generateSigningSecret, TargetRefusedError, WEBHOOK_EVENT_TYPES } from '@tm/webhooks';
import { RequestValidationException } from '../http/api-exceptions';
import type { CreateSubscriptionDto, DeliveryView, SubscriptionView, UpdateSubscriptionDto } from './subscription.dto';
import { SubscriptionsRepository, type SubscriptionFields } from './subscriptions.repository';

/** The use cases of webhook subscriptions; SQL in {@link SubscriptionsRepository}. */
@Injectable()
export class SubscriptionsService {
  private readonly repository: SubscriptionsRepository;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {
    this.repository = new SubscriptionsRepository(pool);
  }

  /** Creates a subscription with a new `whsec_…` secret, returned here and never again. @throws 422 for a refused url */
  async create(dto: CreateSubscriptionDto): Promise<SubscriptionView & { secret: string }> {
    await this.checkTarget(dto.url);
    const secret = generateSigningSecret();
    const view = await this.repository.create(fieldsOf(dto), secret);
    return { ...view, secret };
  }

  list(): Promise<SubscriptionView[]> {
    return this.repository.list();
  }

  async get(id: string): Promise<SubscriptionView> {
    return found(await this.repository.find(id), id);
  }

  async update(id: string, dto: UpdateSubscriptionDto): Promise<SubscriptionView> {
    const current = await this.get(id);
    if (dto.url !== undefined) await this.checkTarget(dto.url);
    const fields = fieldsOf({
      url: dto.url ?? current.url,
      description: dto.description ?? current.description ?? undefined,
      eventTypes: dto.eventTypes ?? current.eventTypes,
      filters: dto.filters ?? { ...current.filters, minScore: current.filters.minScore ?? undefined },
    });
    return found(await this.repository.update(id, fields), id);
  }

  async setStatus(id: string, status: 'active' | 'paused'): Promise<SubscriptionView> {
    return found(await this.repository.setStatus(id, status), id);
  }

  /** A new secret, returned once; the old one signs too for `WEBHOOK_SECRET_GRACE_HOURS`. */
  async rotateSecret(id: string): Promise<{ secret: string; previousSecretExpiresAt: string | null }> {
    const secret = generateSigningSecret();
    const view = found(await this.repository.rotateSecret(id, secret, this.env.WEBHOOK_SECRET_GRACE_HOURS), id);
    return { secret, previousSecretExpiresAt: view.previousSecretExpiresAt };
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repository.delete(id))) found(undefined, id);
  }

  async deliveries(
    id: string,
    query: { limit?: number; cursor?: string; state?: string },
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    await this.get(id);
    return this.repository.deliveries(id, { limit: query.limit ?? 20, cursor: query.cursor, state: query.state });
  }

  async redeliver(id: string, deliveryId: string): Promise<{ deliveryId: string; state: 'scheduled' }> {
    await this.get(id);
    if (!(await this.repository.redeliver(id, deliveryId))) {
      throw new NotFoundException({
        message: `subscription ${id} has no delivery ${deliveryId}`,
        errors: [{ path: 'deliveryId', rule: 'exists', message: 'deliveryId must be a delivery of this subscription' }],
      });
    }
    return { deliveryId, state: 'scheduled' };
  }

  async redeliverFailedSince(id: string, since: string): Promise<{ redelivered: number }> {
    await this.get(id);
    return { redelivered: await this.repository.redeliverFailedSince(id, new Date(since)) };
  }

  /** The SSRF guard at subscription time (the notifier checks again at connect time). */
  private async checkTarget(url: string): Promise<void> {
    try {
      await checkTargetUrl(url, this.env.WEBHOOK_ALLOWED_ADDRESSES);
    } catch (error) {
      if (error instanceof TargetRefusedError)
        throw new RequestValidationException([{ path: 'url', rule: error.rule, message: error.message }]);
      throw error;
    }
  }
}

function fieldsOf(dto: CreateSubscriptionDto): SubscriptionFields {
  return {
    url: dto.url,
    description: dto.description ?? null,
    eventTypes: [...new Set(dto.eventTypes ?? WEBHOOK_EVENT_TYPES)],
    countries: [...new Set(dto.filters?.countries ?? [])],
    lists: [...new Set(dto.filters?.lists ?? [])],
    programs: [...new Set(dto.filters?.programs ?? [])],
    kinds: [...new Set(dto.filters?.kinds ?? [])],
    minScore: dto.filters?.minScore ?? null,
  };
}

function found<T>(value: T | undefined, id: string): T {
  if (value === undefined) {
    throw new NotFoundException({
      message: `no webhook subscription ${id}`,
      errors: [{ path: 'id', rule: 'exists', message: 'id must be an existing subscription' }],
    });
  }
  return value;
}
