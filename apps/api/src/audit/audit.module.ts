import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';

/** The audit log: {@link AuditLog} writes it (fed by `auditRequests`, registered in http-setup), `GET /v1/audit` reads it. */
@Module({ controllers: [AuditController], providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}
