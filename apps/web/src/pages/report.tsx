import { useEffect, useRef } from 'preact/hooks';
import { get } from '../api';
import { alertEntityName, alertListEntry } from '../alert-state';
import { alertState, loadAlerts, type Alert } from '../alerts-data';
import { PartyList, PartyText, type PartyRef as Party } from '../components/party';
import { ErrorLine, Loading, Section, Status } from '../components/ui';
import { admiralty, reportedDate } from '../format';
import { usePolled } from '../polling';
import { hrefOf } from '../route';
import { useRoute } from '../use-route';

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

/** A claim in a line: supplier → recipient: item, stage; or the event and its participants (entities linked to their pages). */
function ClaimSummary({ claim: c }: { claim: ClaimState['claim'] }) {
  if (c.kind === 'transfer')
    return (
      <>
        <PartyText party={c.supplier} /> → <PartyText party={c.recipient} />: {c.item?.description ?? ''}
        {c.item?.designation ? ` (${c.item.designation})` : ''}, {c.stage ?? ''}
      </>
    );
  return (
    <>
      {c.eventType ?? c.kind} (CAMEO {c.cameoCode ?? '?'}): <PartyList parties={c.participants ?? []} />
    </>
  );
}

/** The element id of a claim's card: `#/report/<id>/claim/<claimId>` scrolls to it. */
export const claimElementId = (claimId: string) => `claim-${claimId}`;

function ClaimCard({ state, alerts, target }: { state: ClaimState; alerts: Alert[]; target: boolean }) {
  return (
    <article
      class={target ? 'claim claim-target' : 'claim'}
      id={claimElementId(state.claimId)}
      data-claim={state.claimId}
      tabIndex={target ? -1 : undefined}
      aria-current={target ? 'true' : undefined}
    >
      <h3>
        {state.claimId} <Status value={state.status} />
      </h3>
      <p>
        <ClaimSummary claim={state.claim} />
      </p>
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
                {e.attributedTo && (
                  <>
                    {' '}
                    · said by <PartyText party={e.attributedTo} />
                  </>
                )}
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
        {alerts.map((a) => {
          const entity = alertEntityName(a);
          const entry = alertListEntry(a);
          return (
            <li key={a.alertId}>
              <Status value={alertState(a)} /> “
              {entity ? <a href={hrefOf({ page: 'entity', name: entity })}>{a.queryName}</a> : a.queryName}” matches{' '}
              {entry ? <a href={hrefOf({ page: 'lists', ...entry })}>{a.entryName}</a> : a.entryName} ({a.listId} {a.entryId},{' '}
              {a.programs.join(', ')}), score {a.score.toFixed(2)}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/**
 * One report as it now stands: source and grading, claims with their evidence and amendments, and its alerts. At
 * `#/report/<id>/claim/<claimId>` (a search hit on a claim), that claim's card is marked, scrolled to and focused.
 */
export function ReportPage({ reportId }: { reportId: string }) {
  const path = `/v1/reports/${encodeURIComponent(reportId)}`;
  const report = usePolled(path, () => get<ReportView>(path));
  // The report's own alerts (GET /v1/alerts?report=), however many newer alerts other reports have.
  const alerts = usePolled(`alerts:${reportId}`, () => loadAlerts(`&report=${encodeURIComponent(reportId)}`));
  const route = useRoute();
  const claimId = route.page === 'report' && route.reportId === reportId ? route.claimId : undefined;
  const r = report.data;
  // Scrolled to once per claim asked (polling re-renders the page every 5 s: the reader's scrolling is left alone).
  const shown = useRef<string | undefined>(undefined);
  const hasClaim = r?.claims.some((c) => c.claimId === claimId) ?? false;
  useEffect(() => {
    if (!claimId || !hasClaim || shown.current === `${reportId}/${claimId}`) return;
    const card = document.getElementById(claimElementId(claimId));
    if (!card) return;
    shown.current = `${reportId}/${claimId}`;
    card.scrollIntoView({ block: 'start' });
    card.focus({ preventScroll: true });
  }, [reportId, claimId, hasClaim]);
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
          <ClaimCard key={c.claimId} state={c} alerts={all.filter((a) => a.claimId === c.claimId)} target={c.claimId === claimId} />
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
