import { useEffect, useState } from 'preact/hooks';
import { getAll, onPosition, query } from '../api';
import { FlowChart } from '../components/flow-chart';
import { COUNTRY_PAGE_SIZE, COUNTRY_PAGES_READ, moreRowsLine } from '../country-data';
import { ErrorLine, Loading, Section, Status } from '../components/ui';
import { acrossYears, quantityText, type Flow, type QuantityTotal } from '../flows';
import { admiralty, countryName, dateRange, reportedDate } from '../format';
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
  date?: { edtf?: string; phrase?: string };
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
            <td>{reportedDate(e.date)}</td>
            <td>
              {e.cameoCode} {e.cameoLabel}
            </td>
            <td>{e.participants.map((p) => `${p.country}${p.entity ? ` ${p.entity.name}` : ''}`).join(', ')}</td>
            <td>{e.place ? `${e.place.locality ?? ''} ${e.place.country}`.trim() : ''}</td>
            <td>
              <a href={hrefOf({ page: 'report', reportId: e.reportId })}>{e.statement ?? 'report'}</a>
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
  const timelinePath = `/v1/timeline/${country}?limit=${limit}`;
  const timeline = usePolled(timelinePath, () => getAll<TimelineEntry>(timelinePath, COUNTRY_PAGES_READ));
  const rows = ledger.data?.items ?? [];
  const categories = [...new Set([...rows.map((r) => r.itemCategory), filters.category].filter(Boolean))].sort();
  const shown = filters.category ? rows.filter((r) => r.itemCategory === filters.category) : rows;
  const flows = flowAnswer.data?.items ?? [];
  const flowPosition = flowAnswer.data?.first.position as number | undefined;
  const set = (name: keyof Filters) => (event: Event) =>
    setFilters({ ...filters, [name]: (event.currentTarget as HTMLInputElement).value });
  const sliderValue = filters.asOf === '' ? latest : Number(filters.asOf);

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
        <label class="as-of">
          As known at position
          <input
            type="range"
            min={0}
            max={Math.max(latest, 1)}
            value={sliderValue}
            onChange={(e) => {
              const value = Number((e.currentTarget as HTMLInputElement).value);
              setFilters({ ...filters, asOf: value >= latest ? '' : String(value) });
            }}
          />
          <output>{filters.asOf === '' ? `now (${flowPosition ?? latest})` : `${flowPosition ?? filters.asOf}`}</output>
        </label>
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
