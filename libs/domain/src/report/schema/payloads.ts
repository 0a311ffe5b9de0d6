import { IsDefined, IsString, IsUUID, Length } from 'class-validator';
import type { ReportCommandType } from '../commands';
import { NestedObject } from './nested';
import { AddEvidenceDto, AmendClaimDto, RetractReportDto, SubmitReportDto } from './requests';
import { validateAs, type Violation } from './validation';

/**
 * The report commands' payloads as the processor receives them: the request bodies of `requests.ts` (one definition)
 * plus the ids the API's routes give (`reportId`; an evidence's `evidenceId` and `claimId`).
 */
export class SubmitReportPayload extends SubmitReportDto {
  @IsUUID()
  reportId: string;
}

export class AmendClaimPayload extends AmendClaimDto {
  @IsUUID()
  reportId: string;
}

/** A piece of evidence: the request body of `POST …/evidence` with the id the API gives it and the claim of its route. */
export class EvidencePayload extends AddEvidenceDto {
  @IsString()
  @Length(1, 100)
  evidenceId: string;

  @IsString()
  @Length(1, 100)
  claimId: string;
}

export class AddEvidencePayload {
  @IsUUID()
  reportId: string;

  @IsDefined()
  @NestedObject(() => EvidencePayload)
  evidence: EvidencePayload;
}

export class RetractReportPayload extends RetractReportDto {
  @IsUUID()
  reportId: string;
}

const PAYLOAD_CLASSES: Record<ReportCommandType, new () => object> = {
  SubmitReport: SubmitReportPayload,
  AmendClaim: AmendClaimPayload,
  AddEvidence: AddEvidencePayload,
  RetractReport: RetractReportPayload,
};

/**
 * Checks a command payload at the processor's door, whatever produced it, with the classes the API validates request
 * bodies with ({@link validateAs}): a message written by anything else must not reach the event store unchecked.
 * Returns every violation (`{ path, rule, message }`), empty when the payload is sound.
 */
export function checkReportCommand(type: ReportCommandType, payload: unknown): Violation[] {
  return validateAs(PAYLOAD_CLASSES[type], payload).violations;
}
