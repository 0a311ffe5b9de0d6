import {
  NAME_PARTS_ENTITY_TYPE,
  namePartsOf,
  reportUpcasters,
  type Claim,
  type ClaimAmendedV1,
  type Entity,
  type EntityType,
  type Evidence,
  type EvidenceAddedV1,
  type NameParts,
  type Party,
  type ReportSubmittedV1,
} from '@tm/domain';
import type { EntrySchema } from '../model';

/** What screening needs of a report, folded from its events. */
export interface ScreenableReport {
  reportId: string;
  retracted: boolean;
  text?: string;
  claims: Claim[];
  evidence: Evidence[];
}

/** A name or a text of a report to screen, with where it sits. */
export type ScreeningTarget =
  | {
      kind: 'name';
      location: string;
      claimId?: string;
      /** The entity's name first, then its aliases. */
      names: string[];
      /** The parts of `names[0]` (the entity's name) when the entity is a person given with `nameParts`. */
      parts?: NameParts;
      schema: EntrySchema;
      countries: string[];
      claimCountries: string[];
      /** A government body or armed force: an organ of its country, so never the same as another country's listed one. */
      stateOrgan: boolean;
      /** The entity's identifiers by scheme and its address, as sent (front companies compare them with the lists'). */
      identifiers?: Record<string, string>;
      address?: string;
    }
  | { kind: 'text'; location: string; claimId?: string; text: string; claimCountries: string[] };

/** Report entity type → list schema (DOMAIN.md: a person is never matched against organisations). */
export const SCHEMA_OF_ENTITY_TYPE: Record<EntityType, EntrySchema> = {
  person: 'Person',
  company: 'Organization',
  organisation: 'Organization',
  'government-body': 'Organization',
  'armed-forces': 'Organization',
  vessel: 'Vessel',
  aircraft: 'Aircraft',
};

/**
 * Folds a report's stored events (any schema version) into what screening reads. Unknown event types are ignored.
 */
export function foldScreenableReport(
  reportId: string,
  events: Iterable<{ type: string; schemaVersion: number; payload: unknown }>,
): ScreenableReport {
  const report: ScreenableReport = { reportId, retracted: false, claims: [], evidence: [] };
  for (const e of events) {
    if (reportUpcasters.currentVersionOf(e.type) === undefined) continue;
    const payload = reportUpcasters.upcast(e.type, e.schemaVersion, e.payload).payload;
    switch (e.type) {
      case 'ReportSubmitted': {
        const p = payload as ReportSubmittedV1;
        report.text = p.text;
        report.claims = [...p.claims];
        break;
      }
      case 'ClaimAmended': {
        const { claim } = payload as ClaimAmendedV1;
        const i = report.claims.findIndex((c) => c.claimId === claim.claimId);
        if (i >= 0) report.claims[i] = claim;
        else report.claims.push(claim);
        break;
      }
      case 'EvidenceAdded':
        report.evidence.push((payload as EvidenceAddedV1).evidence);
        break;
      case 'ReportRetracted':
        report.retracted = true;
        break;
    }
  }
  return report;
}

/**
 * Every name and text of a report worth screening: the entities of suppliers, recipients, intermediaries, end users,
 * participants and evidence `attributedTo` (name and aliases, with the entity type's schema and the party's
 * country, and a person's `nameParts` as the parts of the name), the report text, claim statements and evidence statements. Locations name claims and evidence by id
 * (`claims[<claimId>].supplier.entity`, `evidence[<evidenceId>].statement`), so they stay stable across amendments.
 */
export function screeningTargets(report: ScreenableReport): ScreeningTarget[] {
  const targets: ScreeningTarget[] = [];
  const claimCountries = new Map<string, string[]>();
  for (const claim of report.claims) {
    const parties = partiesOf(claim);
    const countries = [...new Set(parties.map(([, p]) => p.country).filter((c): c is string => !!c))];
    claimCountries.set(claim.claimId, countries);
    const base = `claims[${claim.claimId}]`;
    for (const [path, party] of parties)
      if (party.entity) targets.push(nameTarget(`${base}.${path}.entity`, claim.claimId, party.entity, party.country, countries));
    if (claim.statement)
      targets.push({
        kind: 'text',
        location: `${base}.statement`,
        claimId: claim.claimId,
        text: claim.statement,
        claimCountries: countries,
      });
  }
  for (const ev of report.evidence) {
    const countries = claimCountries.get(ev.claimId) ?? [];
    const base = `evidence[${ev.evidenceId}]`;
    if (ev.attributedTo?.entity)
      targets.push(nameTarget(`${base}.attributedTo.entity`, ev.claimId, ev.attributedTo.entity, ev.attributedTo.country, countries));
    if (ev.statement)
      targets.push({ kind: 'text', location: `${base}.statement`, claimId: ev.claimId, text: ev.statement, claimCountries: countries });
  }
  if (report.text)
    targets.push({ kind: 'text', location: 'text', text: report.text, claimCountries: [...new Set([...claimCountries.values()].flat())] });
  return targets;
}

function nameTarget(
  location: string,
  claimId: string,
  entity: Entity,
  country: string | undefined,
  claimCountries: string[],
): ScreeningTarget {
  const names = [entity.name, ...(entity.aliases ?? [])].filter((n) => typeof n === 'string' && n.trim());
  const parts =
    entity.type === NAME_PARTS_ENTITY_TYPE && entity.nameParts && names[0] === entity.name ? namePartsOf(entity.nameParts) : undefined;
  return {
    kind: 'name',
    location,
    claimId,
    names,
    ...(parts ? { parts } : {}),
    schema: SCHEMA_OF_ENTITY_TYPE[entity.type] ?? 'Unknown',
    countries: country ? [country] : [],
    claimCountries,
    stateOrgan: STATE_ORGANS.has(entity.type) && !!country,
    ...(entity.identifiers ? { identifiers: entity.identifiers } : {}),
    ...(entity.address ? { address: entity.address } : {}),
  };
}

/**
 * Entity types that are organs of a state. Their names are generic ("Ministry of Defence", "General Staff"), so a
 * name match alone would tie every country's ministry to the one listed (the UN list's DPRK "Ministry of Defense"
 * matched each report naming Russia's, found by the alert-latency benchmark); their country settles identity.
 */
const STATE_ORGANS = new Set<EntityType>(['government-body', 'armed-forces']);

/** The parties of a claim with their paths. */
function partiesOf(claim: Claim): Array<[string, Partial<Party> & { entity?: Entity }]> {
  if (claim.kind === 'transfer') {
    return [
      ['supplier', claim.supplier],
      ['recipient', claim.recipient],
      ...(claim.intermediaries ?? []).map((p, i): [string, Party] => [`intermediaries[${i}]`, p]),
      ...(claim.endUser ? [['endUser', claim.endUser] as [string, Party]] : []),
    ];
  }
  return claim.participants.map((p, i): [string, Partial<Party>] => [`participants[${i}]`, p]);
}
