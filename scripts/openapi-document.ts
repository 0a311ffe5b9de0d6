/**
 * Writes the API's OpenAPI document (as served at `/docs-json`) to the file named by the first argument, or stdout.
 * Builds the module graph in Nest's preview mode: no provider is created, so no database or broker is needed.
 * Used by `npm run lint:api` (Spectral, then the typed client's check).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';

async function main(): Promise<void> {
  // The modules read their configuration when imported; preview mode connects to nothing, so placeholders do.
  process.env.DATABASE_URL ??= 'postgres://preview@localhost:5432/preview';
  process.env.KAFKA_BROKERS ??= 'localhost:9092';
  const { ApiModule } = await import('../apps/api/src/api.module');
  const { openApiDocument } = await import('../apps/api/src/http/openapi-document');
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false });
  const json = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
  await app.close();
  if (process.argv[2]) writeFileSync(process.argv[2], json);
  else process.stdout.write(json);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
