import type { ServerResponse } from 'node:http';
import { Controller, Get, Global, Header, Inject, Module, Res, type DynamicModule } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Metrics } from './metrics';

/**
 * `GET /metrics`: the app's Prometheus metrics (text exposition format 0.0.4). Public like `/health`: meant for the
 * operators' scraper on the internal network (README "Metrics").
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      "This app's metrics in Prometheus' text format: consumer, outbox and projection lags, latencies, webhook outcomes, process figures. No API key needed.",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string' } })
  async scrape(@Res() response: ServerResponse): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    response.setHeader('content-type', contentType);
    response.end(body);
  }
}

/** Provides the app's {@link Metrics} everywhere and serves them at `GET /metrics`. */
@Global()
@Module({})
export class MetricsModule {
  static forApp(app: string): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: Metrics, useValue: new Metrics(app) }],
      controllers: [MetricsController],
      exports: [Metrics],
    };
  }
}
