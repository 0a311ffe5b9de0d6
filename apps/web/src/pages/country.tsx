import { useEffect, useState } from 'preact/hooks';
import { get, getAll, onPosition, query } from '../api';
import { FlowChart } from '../components/flow-chart';
import { PartyList } from '../components/party';
import {
  AS_OF_STEPS,
  asOfSteps,
  COUNTRY_PAGE_SIZE,
  COUNTRY_PAGES_READ,
  moreRowsLine,
  stepOf,
  withCategories,
  type FlowChange,
} from '../country-data';
import { ErrorLine, Loading, Section, Status } from '../components/ui';
import { acrossYears, quantityText, type Flow, type QuantityTotal } from '../flows';
import { admiralty, countryName, datedParts, dateRange } from '../format';
import { usePolled } from '../polling';
import { hrefOf } from '../route';
// The stages of the report schema itself (a module of plain constants, bundled as it is).
import { TRANSFER_STAGES } from '../../../../libs/domain/src/report/model';

interface LedgerRow {
  direction: string;
  counterparty: string;
  itemCategory: string;
  stage: string;
  status: string;
  claimCount: number;
  quantities: QuantityTotal[];
  assistanceType: string;
  earliest?: string;
  latest?: string;
  bestCredibility: number;
  independentSources: number;
  items: string[];
  entities: string[];
  reportIds: string[];
}

interface TimelineEntry {
  reportId: string;
  claimId: string;
  cameoCode: string;
  cameoLabel?: string;
  date?: { edtf?: string; phrase?: string; earliest?: string; latest?: string };
  participants: { country: string; entity?: { name: string } }[];
  place?: { country: string; locality?: string };
  statement?: string;
  status: string;
}

interface Filters {
  direction: string;
  stage: string;
  minCredibility: string;
  category: string;
  /** A global position, or '' for now. */
  asOf: string;
}

const NO_FILTERS: Filters = { direction: '', stage: '', minCredibility: '', category: '', asOf: '' };

function FlowTable({ flows }: { flows: Flow[] }) {
  return (
    <table data-testid="flows-table">
      <caption class="sr-only">Flows, one row per supplier, recipient, item category, stage and year</caption>
      <thead>
        <tr>
          <th scope="col">Supplier</th>
          <th scope="col">Recipient</th>
          <th scope="col">Category</th>
          <th scope="col">Stage</th>
          <th scope="col">Year</th>
          <th scope="col">Claims</th>
          <th scope="col">Quantity</th>
        </tr>
      </thead>
      <tbody>
        {flows.map((f) => (
          <tr key={`${f.supplier}${f.recipient}${f.category}${f.stage}${f.year}`} data-flow={`${f.supplier}->${f.recipient}`}>
            <td>
              <a href={hrefOf({ page: 'country', country: f.supplier })}>{f.supplier}</a>
            </td>
            <td>
              <a href={hrefOf({ page: 'country', country: f.recipient })}>{f.recipient}</a>
            </td>
            <td>{f.category}</td>
            <td>{f.stage}</td>
            <td>{f.year ?? 'undated'}</td>
            <td class="num">{f.claims}</td>
            <td>{quantityText(f.quantity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LedgerTable({ rows }: { rows: LedgerRow[] }) {
  return (
    <table data-testid="ledger-table">
      <thead>
        <tr>
          <th scope="col">To / from</th>
          <th scope="col">Type / category</th>
          <th scope="col">Stage</th>
          <th scope="col">Status</th>
          <th scope="col">Claims</th>
          <th scope="col">Quantity</th>
          <th scope="col">Dates</th>
          <th scope="col">Best credibility / sources</th>
          <th scope="col">Items (parties)</th>
          <th scope="col">Reports</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>
              {r.direction === 'supplier' ? '→ ' : '← '}
              <a href={hrefOf({ page: 'country', country: r.counterparty })}>{r.counterparty}</a>
            </td>
            <td>
              {r.assistanceType} / {r.itemCategory}
            </td>
            <td>{r.stage}</td>
            <td>
              <Status value={r.status} />
            </td>
            <td class="num">{r.claimCount}</td>
            <td>{quantityText(r.quantities)}</td>
            <td>{dateRange(r.earliest, r.latest)}</td>
            <td title={admiralty('', r.bestCredibility)}>
              {r.bestCredibility} / {r.independentSources}
            </td>
            <td>
              {r.items.join('; ')}
              {r.entities.length > 0 && (
                <span class="muted">
                  {' '}
                  (
                  {r.entities.map((name, j) => (
                    <span key={name}>
                      {j > 0 && ', '}
                      <a href={hrefOf({ page: 'entity', name })}>{name}</a>
                    </span>
                  ))}
                  )
                </span>
              )}
            </td>
            <td>
              {r.reportIds.map((id, j) => (
                <a key={id} href={hrefOf({ page: 'report', reportId: id })} aria-label={`report ${j + 1} of row ${i + 1}`}>
                  [{j + 1}]
                </a>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The date of a timeline entry: its bounds (as the CLI prints them), its EDTF when it says more, the analyst's phrase beside. */
function TimelineDate({ date }: { date: TimelineEntry['date'] }) {
  const { bounds, edtf, phrase } = datedParts(date);
  return (
    <>
      <span class="date">{bounds}</span>
      {edtf && <span class="muted"> ({edtf})</span>}
      {phrase && <span class="muted phrase"> · “{phrase}”</span>}
    </>
  );
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <table data-testid="timeline-table">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">CAMEO</th>
          <th scope="col">Participants</th>
          <th scope="col">Place</th>
          <th scope="col">Statement</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.reportId}/${e.claimId}`}>
            <td>
              <TimelineDate date={e.date} />
            </td>
            <td>
              {e.cameoCode} {e.cameoLabel}
            </td>
            <td>
              <PartyList parties={e.participants} />
            </td>
            <td>{e.place ? `${e.place.locality ?? ''} ${e.place.country}`.trim() : ''}</td>
            <td>
              <a href={hrefOf({ page: 'report', reportId: e.reportId, claimId: e.claimId })}>{e.statement ?? 'report'}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The line saying a table holds only the first rows that match (none when it holds them all). */
function MoreLine({ line }: { line: string | undefined }) {
  return line ? <p role="status">{line}</p> : null;
}

/** A country's assistance as flows (with filters and "as known at"), its ledger and its diplomatic timeline. */
export function CountryPage({ country }: { country: string }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [latest, setLatest] = useState<number>(0);
  useEffect(() => onPosition((p) => setLatest((before) => Math.max(before, p))), []);
  useEffect(() => setFilters(NO_FILTERS), [country]);
  // The flows come from GET /v1/flows with every filter; the ledger (all categories: they fill the category menu) and
  // the timeline beside them. Each is read up to COUNTRY_PAGES_READ pages, and says when more rows match.
  const limit = COUNTRY_PAGE_SIZE;
  const flowsPath = `/v1/flows${query({ country, direction: filters.direction, category: filters.category, stage: filters.stage, minCredibility: filters.minCredibility, asOf: filters.asOf, limit })}`;
  const flowAnswer = usePolled(flowsPath, () => getAll<Flow>(flowsPath, COUNTRY_PAGES_READ));
  const ledgerPath = `/v1/ledgers/${country}${query({ limit, direction: filters.direction, stage: filters.stage, minCredibility: filters.minCredibility, asOf: filters.asOf })}`;
  const ledger = usePolled(ledgerPath, () => getAll<LedgerRow>(ledgerPath, COUNTRY_PAGES_READ));
  // GET /v1/timeline takes no asOf: the timeline stays as known now (the page says so when the slider is not at now).
  const timelinePath = `/v1/timeline/${country}?limit=${limit}`;
  const timeline = usePolled(timelinePath, () => getAll<TimelineEntry>(timelinePath, COUNTRY_PAGES_READ));
  // The slider steps through the positions at which the country's transfer claims changed, not every global position.
  // At most AS_OF_STEPS of them, spread evenly (a country with 12,500 claims changed at 25,000 positions).
  const changesPath = `/v1/flows/changes${query({ country, steps: AS_OF_STEPS })}`;
  const changes = usePolled(changesPath, () => get<{ items: FlowChange[]; total?: number }>(changesPath));
  const rows = ledger.data?.items ?? [];
  // The Category menu keeps every category the country's ledger has shown (a past position's empty ledger emptied it,
  // and the slider beside it moved under the pointer).
  const [seenCategories, setSeenCategories] = useState<string[]>([]);
  useEffect(() => setSeenCategories([]), [country]);
  useEffect(
    () =>
      setSeenCategories((seen) =>
        withCategories(
          seen,
          (ledger.data?.items ?? []).map((r) => r.itemCategory),
        ),
      ),
    [ledger.data],
  );
  const categories = withCategories(seenCategories, [filters.category]);
  const shown = filters.category ? rows.filter((r) => r.itemCategory === filters.category) : rows;
  const flows = flowAnswer.data?.items ?? [];
  const set = (name: keyof Filters) => (event: Event) =>
    setFilters({ ...filters, [name]: (event.currentTarget as HTMLInputElement).value });
  const steps = asOfSteps(changes.data?.items ?? [], latest || undefined);
  const chosen = stepOf(steps, filters.asOf);
  // While the pointer drags, the label follows it; the position is asked when it is let go (or a key moved it).
  const [dragged, setDragged] = useState<number | null>(null);
  const step = Math.min(dragged ?? (chosen >= 0 ? chosen : steps.length - 1), steps.length - 1);
  const stepLabel = chosen < 0 && dragged === null ? `position ${filters.asOf}` : steps[step].label;
  const stepAt = (event: Event) => Math.min(steps.length - 1, Math.max(0, Number((event.currentTarget as HTMLInputElement).value)));

  return (
    <div>
      <h1>
        {countryName(country)} ({country})
      </h1>
      <form class="filters" aria-label="Flow filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Direction
          <select value={filters.direction} onChange={set('direction')}>
            <option value="">both</option>
            <option value="supplier">as supplier</option>
            <option value="recipient">as recipient</option>
          </select>
        </label>
        <label>
          Stage
          <select value={filters.stage} onChange={set('stage')}>
            <option value="">any</option>
            {TRANSFER_STAGES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Credibility at least
          <select value={filters.minCredibility} onChange={set('minCredibility')}>
            <option value="">any</option>
            {[1, 2, 3, 4, 5].map((c) => (
              <option key={c} value={String(c)}>
                {admiralty('', c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select value={filters.category} onChange={set('category')}>
            <option value="">any</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <div class="as-of">
          <label for="as-of">As known at</label>
          <input
            id="as-of"
            type="range"
            min={0}
            max={Math.max(steps.length - 1, 0)}
            step={1}
            value={step}
            disabled={steps.length < 2}
            aria-valuetext={stepLabel}
            aria-describedby="as-of-steps"
            onInput={(e) => setDragged(stepAt(e))}
            onBlur={() => setDragged(null)}
            onChange={(e) => {
              setDragged(null);
              setFilters({ ...filters, asOf: steps[stepAt(e)].asOf });
            }}
          />
          <output for="as-of" data-testid="as-of-step">
            {stepLabel}
          </output>
          <span id="as-of-steps" class="muted">
            {changes.data
              ? (changes.data.total ?? 0) > changes.data.items.length
                ? `${changes.data.items.length} of the ${(changes.data.total ?? 0).toLocaleString('en-US')} positions at which this country's transfer claims changed (spread evenly, the first and the last), between nothing known and now`
                : `${changes.data.items.length} position(s) at which this country's transfer claims changed, between nothing known and now`
              : 'Loading the positions at which its claims changed…'}
          </span>
        </div>
      </form>
      <Section title="Flows" id="flows">
        <ErrorLine error={flowAnswer.error} />
        {flowAnswer.data && <MoreLine line={moreRowsLine(flowAnswer.data, 'flows', 'Narrow the filters to see the rest.')} />}
        {flowAnswer.data ? (
          flows.length ? (
            <>
              <FlowChart flows={acrossYears(flows)} />
              <FlowTable flows={flows} />
            </>
          ) : (
            <p>No transfers match.</p>
          )
        ) : (
          <Loading />
        )}
      </Section>
      <Section title="Ledger" id="ledger">
        <ErrorLine error={ledger.error} />
        {ledger.data && (
          <MoreLine line={moreRowsLine(ledger.data, 'ledger rows', 'Narrow the direction, stage or credibility to see the rest.')} />
        )}
        {ledger.data ? <LedgerTable rows={shown} /> : <Loading />}
      </Section>
      <Section title="Diplomatic timeline" id="timeline">
        <ErrorLine error={timeline.error} />
        {filters.asOf !== '' && (
          <p class="muted" data-testid="timeline-as-of">
            The diplomatic timeline is as known now: the API's timeline (GET /v1/timeline) does not answer as known at a past position.
          </p>
        )}
        {timeline.data && (
          <MoreLine line={moreRowsLine(timeline.data, 'events', `GET /v1/timeline/${country} reads the rest (from, to, cameo).`)} />
        )}
        {timeline.data ? (
          timeline.data.items.length ? (
            <Timeline entries={timeline.data.items} />
          ) : (
            <p>No diplomatic events.</p>
          )
        ) : (
          <Loading />
        )}
      </Section>
    </div>
  );
}
