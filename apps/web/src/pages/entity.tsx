import { useState } from 'preact/hooks';
import { ApiError, get, post, query } from '../api';
import { ErrorLine, Loading, Section, Status } from '../components/ui';
import { usePolled } from '../polling';
import { hrefOf } from '../route';
import { useAllowed } from '../session';

/** A link of the entity's evidence: two names, the rule that joined (or kept apart) them, its score and decision. */
interface LinkEvidence {
  names: [string, string];
  rule: 'matcher' | 'analyst-merge' | 'analyst-split';
  score?: number;
  penalties?: { rule: string; detail: string }[];
  decision?: { actor: string; decidedAt: string; reason: string };
}

/** `GET /v1/entities/{id}` (the fields the page shows). */
interface EntityView {
  entityId: string;
  name: string;
  names: { key: string; name: string; types: string[]; claimCount: number; entityId: string }[];
  evidence: { threshold: number; merges: LinkEvidence[]; separations: LinkEvidence[]; truncated: boolean };
  claimCount: number;
  counterparties: { country: string; name?: string; claimCount: number }[];
  listEntries: { listId: string; entryId: string; primaryName: string; programs: string[]; score: number; alertCount: number }[];
  counterpartiesSampled: boolean;
  alertCount: number;
  alerts: {
    alertId: string;
    status: string;
    reportId: string;
    location: string;
    queryName: string;
    listId: string;
    entryId: string;
    entryName: string;
    score: number;
  }[];
  claims: {
    items: {
      reportId: string;
      claimId: string;
      kind: string;
      status: string;
      credibility: number;
      claim: { item?: { description?: string }; eventType?: string; stage?: string };
      source?: { publisher?: string };
    }[];
    nextCursor: string | null;
  };
}

/** The directory key of a name (as the entity directory normalises it): NFKC, trimmed, single spaces, lower case. */
export function entityKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The entity id of a name: base64url of its directory key's UTF-8 (what the API's `entityId` of that name is). */
export function entityIdOfName(name: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(entityKey(name))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function describe(link: LinkEvidence): string {
  const score = link.score === undefined ? '' : ` score ${link.score.toFixed(2)}`;
  const penalties = link.penalties?.length ? ` (${link.penalties.map((p) => p.rule).join(', ')})` : '';
  if (link.rule === 'matcher') return `screening matcher${score}${penalties}`;
  const who = link.decision ? ` by ${link.decision.actor}, ${link.decision.decidedAt.slice(0, 10)}: “${link.decision.reason}”` : '';
  return `${link.rule === 'analyst-merge' ? 'merged' : 'split'}${who}${score ? ` (matcher${score})` : ''}`;
}

/** Sends a split or merge and waits until the processor has run it. */
async function decide(path: string, body: unknown): Promise<string> {
  const accepted = await post<{ commandId: string }>(path, body);
  for (let attempt = 0; attempt < 40; attempt++) {
    const state = await get<{ status: string; reason?: { code: string; message: string } }>(`/v1/commands/${accepted.commandId}`);
    if (state.status === 'rejected') return `refused: ${state.reason?.message ?? 'no reason given'}`;
    if (state.status === 'succeeded') return 'recorded';
    await new Promise((r) => setTimeout(r, 250));
  }
  return 'accepted; still being processed';
}

/**
 * One party (`GET /v1/entities/{id}`): its names across spellings and scripts and why they are one, the list entries
 * its names match, its alerts, counterparties and claims; an analyst may split a name off or merge another in.
 */
export function EntityPage({ name }: { name: string }) {
  const mayDecide = useAllowed('decideEntities');
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState('');
  const [mergeName, setMergeName] = useState('');
  const [reason, setReason] = useState('');
  const path = `/v1/entities/${entityIdOfName(name)}${query({ cursor, limit: 50 })}`;
  const entity = usePolled(path, async () => {
    try {
      return await get<EntityView>(path);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  });
  const e = entity.data;
  const act = async (what: Promise<string>) => {
    setOutcome('…');
    try {
      setOutcome(await what);
      entity.refresh();
    } catch (error) {
      setOutcome(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div>
      <h1>{e?.name ?? name}</h1>
      <ErrorLine error={entity.error} />
      {e === undefined ? (
        <Loading />
      ) : e === null ? (
        <p>No report names “{name}”.</p>
      ) : (
        <>
          <Section title={`Names (${e.names.length})`} id="names">
            <ul>
              {e.names.map((n) => (
                <li key={n.key}>
                  {n.name}{' '}
                  <span class="muted">
                    ({n.types.join(', ')}; {n.claimCount} claim(s))
                  </span>
                  {mayDecide && e.names.length > 1 && (
                    <button
                      type="button"
                      class="inline"
                      disabled={!reason.trim()}
                      onClick={() => void act(decide('/v1/entities/split', { name: n.key, reason: reason.trim() }))}
                    >
                      Split off {n.name}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {(e.evidence.merges.length > 0 || e.evidence.separations.length > 0) && (
              <ul data-testid="entity-evidence" aria-label="Why these names are one">
                {e.evidence.merges.map((m) => (
                  <li key={`m ${m.names.join(' ')}`}>
                    “{m.names[0]}” = “{m.names[1]}”: {describe(m)}
                  </li>
                ))}
                {e.evidence.separations.map((s) => (
                  <li key={`s ${s.names.join(' ')}`}>
                    “{s.names[0]}” ≠ “{s.names[1]}”: {describe(s)}
                  </li>
                ))}
              </ul>
            )}
            {mayDecide && (
              <form
                class="review"
                aria-label="Merge or split names"
                onSubmit={(ev) => (
                  ev.preventDefault(),
                  void act(decide('/v1/entities/merge', { names: [e.names[0]!.key, mergeName.trim()], reason: reason.trim() }))
                )}
              >
                <label>
                  Reason
                  <input maxLength={2000} value={reason} onInput={(ev) => setReason((ev.currentTarget as HTMLInputElement).value)} />
                </label>
                <label>
                  Another name of this party
                  <input maxLength={300} value={mergeName} onInput={(ev) => setMergeName((ev.currentTarget as HTMLInputElement).value)} />
                </label>
                <button type="submit" disabled={!reason.trim() || !mergeName.trim()}>
                  Merge
                </button>
                <output role="status">{outcome}</output>
              </form>
            )}
          </Section>
          <Section title="Sanctions list entries matched" id="entries">
            {e.listEntries.length === 0 ? (
              <p>No alert matched these names to a list entry.</p>
            ) : (
              <ul>
                {e.listEntries.map((l) => (
                  <li key={`${l.listId}/${l.entryId}`}>
                    <a href={hrefOf({ page: 'lists', listId: l.listId, entryId: l.entryId })}>{l.primaryName}</a> — {l.listId} entry{' '}
                    {l.entryId} ({l.programs.join(', ')}; score {l.score.toFixed(2)}; {l.alertCount} alert(s))
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={`Alerts (${e.alertCount})`} id="entity-alerts">
            <ul>
              {e.alerts.map((a) => (
                <li key={a.alertId}>
                  <Status value={a.status} /> {a.listId} {a.entryName}, score {a.score.toFixed(2)}, on “{a.queryName}” in{' '}
                  <a href={hrefOf({ page: 'report', reportId: a.reportId })}>report {a.reportId.slice(0, 8)}</a> ({a.location})
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Counterparties" id="counterparties">
            {e.counterpartiesSampled && <p class="muted">From its first 1,000 claims.</p>}
            <ul>
              {e.counterparties.map((c) => (
                <li key={`${c.country} ${c.name ?? ''}`}>
                  <a href={hrefOf({ page: 'country', country: c.country })}>{c.country}</a>
                  {c.name && (
                    <>
                      {' '}
                      <a href={hrefOf({ page: 'entity', name: c.name })}>{c.name}</a>
                    </>
                  )}{' '}
                  <span class="muted">({c.claimCount} claim(s))</span>
                </li>
              ))}
            </ul>
          </Section>
          <Section title={`Claims (${e.claimCount})`} id="entity-claims">
            <ul>
              {e.claims.items.map((c) => (
                <li key={`${c.reportId}/${c.claimId}`}>
                  <a href={hrefOf({ page: 'report', reportId: c.reportId, claimId: c.claimId })}>
                    report {c.reportId.slice(0, 8)} claim {c.claimId}
                  </a>
                  : {c.kind} {c.claim.item?.description ?? c.claim.eventType ?? ''} {c.claim.stage ?? ''} <Status value={c.status} />
                </li>
              ))}
            </ul>
            {(cursor || e.claims.nextCursor) && (
              <p>
                {cursor && (
                  <button type="button" onClick={() => setCursor(undefined)}>
                    First claims
                  </button>
                )}{' '}
                {e.claims.nextCursor && (
                  <button type="button" onClick={() => setCursor(e.claims.nextCursor!)}>
                    Next claims
                  </button>
                )}
              </p>
            )}
          </Section>
        </>
      )}
    </div>
  );
}
