import { dateRange, renderTable } from './table';

/** An entry of `GET /v1/timeline/:country` (see `TimelineEntry` in `@tm/read-models`). */
export interface TimelineEntryView {
  reportId: string;
  claimId: string;
  eventType: string;
  cameoCode: string;
  cameoLabel?: string;
  date?: { edtf?: string; earliest?: string; latest?: string };
  participants: { country: string; entity?: { name: string }; role?: string }[];
  place?: { country: string; locality?: string };
  outcomes: string[];
  credibility: number;
  status: string;
  statement?: string;
  publisher: string;
}

/** A timeline as `GET /v1/timeline/:country` pages it, with every entry read (`nextCursor` null). */
export interface TimelineView {
  country: string;
  items: TimelineEntryView[];
  nextCursor: string | null;
}

function participants(entry: TimelineEntryView): string {
  return entry.participants.map((p) => `${p.country}${p.entity ? ` ${p.entity.name}` : ''}${p.role ? ` (${p.role})` : ''}`).join('\n');
}

/** A country's diplomatic timeline as a table, oldest first, with the CAMEO code and the source. */
export function renderTimeline(timeline: TimelineView, title = `Diplomatic timeline of ${timeline.country}`): string {
  if (timeline.items.length === 0) return `${title}: no diplomatic events\n`;
  const rows = timeline.items.map((e) => [
    dateRange(e.date?.earliest, e.date?.latest),
    `${e.cameoCode} ${e.eventType}`,
    participants(e),
    e.place ? [e.place.locality, e.place.country].filter(Boolean).join(', ') : '',
    [e.statement ?? '', ...e.outcomes.map((o) => `→ ${o}`)].filter(Boolean).join('\n'),
    `${e.credibility}${e.status === 'active' ? '' : ` ${e.status}`}`,
    e.publisher,
  ]);
  return `${title}\n${renderTable(['date', 'CAMEO', 'participants', 'place', 'what', 'cred.', 'source'], rows, [24, 34, 34, 14, 56, 7, 18])}\n`;
}
