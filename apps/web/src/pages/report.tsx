import { get } from '../api';
import { alertState, loadAlerts, type Alert } from '../alerts-data';
import { ErrorLine, Loading, Section, Status } from '../components/ui';
import { admiralty, reportedDate } from '../format';
import { usePolled } from '../polling';
import { hrefOf } from '../route';

interface Party {
  country: string;
  entity?: { name: string };
}

interface ClaimState {
  claimId: string;
  status: string;
  credibility: number;
  sourceReliability: string;
  claim: {
    kind: string;
    supplier?: Party;
    recipient?: Party;
    item?: { description: string; designation?: string };
    stage?: string;
    eventType?: string;
    cameoCode?: string;
    participants?: Party[];
    statement?: string;
    date?: { edtf?: string; phrase?: string };
  };
  evidence: {
    evidenceId: string;
    stance: string;
    source: { publisher: string; title: string; publishedOn: string };
    sourceReliability: string;
    attributedTo?: Party;
    statement?: string;
    credibilityAfter?: number;
  }[];
  amendments: { reason: string; at: string }[];
}

interface ReportView {
  reportId: string;
  source: { publisher: string; title: string; publishedOn: string; url?: string; author?: string };
  sourceReliability: string;
  text?: string;
  status: string;
  retractionReason?: string;
  submittedAt: string;
  claims: ClaimState[];
}

function partyText(party: Party | undefined): string {
  return party ? `${party.country}${party.entity ? ` (${party.entity.name})` : ''}` : '';
}

function claimSummary(c: ClaimState['claim']): string {
  if (c.kind === 'transfer')
    return `${partyText(c.supplier)} → ${partyText(c.recipient)}: ${c.item?.description ?? ''}${c.item?.designation ? ` (${c.item.designation})` : ''}, ${c.stage ?? ''}`;
  return `${c.eventType ?? c.kind} (CAMEO ${c.cameoCode ?? '?'}): ${(c.participants ?? []).map(partyText).join(', ')}`;
}

function ClaimCard({ state, alerts }: { state: ClaimState; alerts: Alert[] }) {
  return (
    <article class="claim" data-claim={state.claimId}>
      <h3>
        {state.claimId} <Status value={state.status} />
      </h3>
      <p>{claimSummary(state.claim)}</p>
      <p class="muted">
        {reportedDate(state.claim.date)} · graded {admiralty(state.sourceReliability, state.credibility)}
      </p>
      {state.claim.statement && <blockquote>{state.claim.statement}</blockquote>}
      {state.evidence.length > 0 && (
        <>
          <h4>Evidence</h4>
          <ul>
            {state.evidence.map((e) => (
              <li key={e.evidenceId}>
                <strong class={`stance stance-${e.stance}`}>{e.stance}</strong> — {e.source.publisher}, “{e.source.title}” (
                {e.source.publishedOn}), graded {admiralty(e.sourceReliability, e.credibilityAfter)}
                {e.attributedTo && <> · said by {partyText(e.attributedTo)}</>}
                {e.statement && <blockquote>{e.statement}</blockquote>}
              </li>
            ))}
          </ul>
        </>
      )}
      {state.amendments.length > 0 && (
        <>
          <h4>Amendments</h4>
          <ul>
            {state.amendments.map((a, i) => (
              <li key={i}>
                {a.at}: {a.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {alerts.length > 0 && <AlertList alerts={alerts} />}
    </article>
  );
}

function AlertList({ alerts }: { alerts: Alert[] }) {
  return (
    <>
      <h4>Alerts</h4>
      <ul>
        {alerts.map((a) => (
          <li key={a.alertId}>
            <Status value={alertState(a)} /> “{a.queryName}” matches{' '}
            <a href={hrefOf({ page: 'entity', name: a.queryName })}>{a.entryName}</a> ({a.listId} {a.entryId}, {a.programs.join(', ')}),
            score {a.score.toFixed(2)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One report as it now stands: source and grading, claims with their evidence and amendments, and its alerts. */
export function ReportPage({ reportId }: { reportId: string }) {
  const path = `/v1/reports/${encodeURIComponent(reportId)}`;
  const report = usePolled(path, () => get<ReportView>(path));
  // The report's own alerts (GET /v1/alerts?report=), however many newer alerts other reports have.
  const alerts = usePolled(`alerts:${reportId}`, () => loadAlerts(`&report=${encodeURIComponent(reportId)}`));
  const r = report.data;
  if (!r) return report.error ? <ErrorLine error={report.error} /> : <Loading />;
  const all = alerts.data?.items ?? [];
  const unclaimed = all.filter((a) => !a.claimId || !r.claims.some((c) => c.claimId === a.claimId));
  return (
    <div>
      <h1>{r.source.title}</h1>
      <ErrorLine error={report.error ?? alerts.error} />
      <p>
        {r.source.publisher}, {r.source.publishedOn}
        {r.source.author ? `, ${r.source.author}` : ''} · source {admiralty(r.sourceReliability)} · <Status value={r.status} />
        {r.source.url && (
          <>
            {' '}
            · <a href={r.source.url}>original</a>
          </>
        )}
      </p>
      {r.retractionReason && <p>Retracted: {r.retractionReason}</p>}
      {r.text && <blockquote>{r.text}</blockquote>}
      <Section title={`Claims (${r.claims.length})`} id="claims">
        {r.claims.map((c) => (
          <ClaimCard key={c.claimId} state={c} alerts={all.filter((a) => a.claimId === c.claimId)} />
        ))}
      </Section>
      {unclaimed.length > 0 && (
        <Section title="Alerts on the report text" id="report-alerts">
          <AlertList alerts={unclaimed} />
        </Section>
      )}
    </div>
  );
}
