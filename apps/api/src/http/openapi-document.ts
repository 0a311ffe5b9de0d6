import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentErrorResponses } from './api-responses';
import { ErrorBodyDto } from './error-body';

/** The tags the controllers use, each declared with what it groups (Spectral's `operation-tag-defined`). */
const TAGS: [name: string, description: string][] = [
  ['reports', 'Reports: submit, amend, add evidence, retract (commands answered 202); read them back as they now stand'],
  ['commands', 'What became of an accepted command'],
  ['ledgers', 'Per-country assistance ledgers, as supplier and as recipient'],
  ['timeline', "A country's diplomatic timeline"],
  ['entities', 'The named parties the reports mention'],
  ['alerts', 'Alerts raised by screening, and their review'],
  ['screening', 'Ad-hoc screening of one name against the lists in force'],
  ['sanctions-lists', 'Sanctions lists: imports and the versions in force'],
  ['webhooks', 'Alert webhook subscriptions and their deliveries'],
  ['api keys', 'API keys (admin only)'],
  ['admin', 'Projection versions and rebuilds (admin only)'],
  ['audit', 'The audit log of API requests, refused ones included (admin only)'],
  ['health', 'Liveness and readiness'],
];

/**
 * The OpenAPI 3.0 document of the API, read from the controllers' decorators; served at `/docs-json` and written by
 * `npm run lint:api`. Needs only the app's module graph, not its connections (`NestFactory.create(…, { preview: true })`).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Transfer Monitor')
    .setDescription('Reported military transfers and diplomatic events between states, screened against sanctions lists.')
    .setVersion('1')
    // Relative: the document is served by the API itself, wherever it listens.
    .addServer('/', 'This API')
    // Every endpoint but health and these docs needs an API key (see README "Access control").
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key: tm_<prefix>_<secret>' })
    .addSecurityRequirements('bearer');
  for (const [name, description] of TAGS) config.addTag(name, description);
  return documentErrorResponses(SwaggerModule.createDocument(app, config.build(), { extraModels: [ErrorBodyDto] }));
}
