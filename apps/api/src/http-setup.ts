import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';

/** Security headers and the OpenAPI document (`/docs`, JSON at `/docs-json`). */
export function configureHttpApi(app: INestApplication): void {
  app.use(helmet());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Transfer Monitor')
      .setDescription('Reported military transfers and diplomatic events between states, screened against sanctions lists.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}
