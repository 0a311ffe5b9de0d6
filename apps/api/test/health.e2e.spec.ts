import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AlertEvents } from '@tm/domain';
import { createTestDatabase, samplesOf, useTestEnvironment, type TestDatabase, authedServer } from '@tm/testing';
import { ApiModule } from '../src/api.module';
import { configureHttpApi } from '../src/http-setup';

describe('api health and docs (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment(database.url);
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApi(app);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is live', async () => {
    await request(authedServer(app)).get('/health/live').expect(200);
  });

  it('is ready when PostgreSQL and Kafka answer, saying so per dependency', async () => {
    const response = await request(authedServer(app)).get('/health/ready').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, kafka: { status: 'up' } } });
  });

  it('echoes a correlation id', async () => {
    const response = await request(authedServer(app)).get('/health/live').set('x-correlation-id', 'abc-123').expect(200);
    expect(response.headers['x-correlation-id']).toBe('abc-123');
  });

  it('serves Prometheus metrics without a key: request durations by route template, never by path', async () => {
    await request(authedServer(app)).get('/v1/reports/00000000-0000-4000-8000-000000000000').expect(404);
    const response = await request(app.getHttpServer())
      .get('/metrics')
      .expect(200)
      .expect('content-type', /^text\/plain/);
    expect(
      samplesOf(response.text, 'tm_http_request_duration_seconds_count', {
        app: 'api',
        method: 'GET',
        route: '/v1/reports/:id',
        status: '404',
      })[0]?.value,
    ).toBe(1);
    expect(response.text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(samplesOf(response.text, 'tm_nodejs_eventloop_lag_p99_seconds').length).toBe(1);
  });

  it('serves its OpenAPI document', async () => {
    const response = await request(authedServer(app)).get('/docs-json').expect(200);
    expect(response.body.paths['/health/ready']).toBeDefined();
  });

  it("documents an alert's history (GET /v1/alerts/{id}), naming every alert event type, AlertBasisUpdated included", async () => {
    const { body: document } = await request(authedServer(app)).get('/docs-json').expect(200);
    const schemaOf = (ref: string) => document.components.schemas[ref.replace('#/components/schemas/', '')];
    const alert = schemaOf(document.paths['/v1/alerts/{id}'].get.responses['200'].content['application/json'].schema.$ref);
    expect(alert.required).toContain('history');
    const entry = schemaOf(alert.properties.history.items.$ref);
    expect(entry.required).toEqual(expect.arrayContaining(['type', 'version', 'at', 'actor']));
    expect(entry.properties.type.enum).toEqual(Object.values(AlertEvents).map((e) => e.type));
    expect(entry.properties.payload.description).toContain('AlertBasisUpdated');
  });
});
