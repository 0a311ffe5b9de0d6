import { EventStore1764400000000 } from './1764400000000-event-store';
import { AcceptedCommands1764400200000 } from './1764400200000-accepted-commands';
import { EventAppendNotification1764400100000 } from './1764400100000-event-append-notification';
import { ReadModels1764500000000 } from './1764500000000-read-models';
import { SanctionsAndAlerts1764600000000 } from './1764600000000-sanctions-and-alerts';
import { Webhooks1764700000000 } from './1764700000000-webhooks';
import { ApiKeys1764800000000 } from './1764800000000-api-keys';
import { DropEventAppendNotification1764900000000 } from './1764900000000-drop-event-append-notification';
import { IncrementalAggregates1765000000000 } from './1765000000000-incremental-aggregates';
import { FullTextSearch1765100000000 } from './1765100000000-full-text-search';
import { ApiAudit1765200000000 } from './1765200000000-api-audit';
import { ClaimFlowColumns1765300000000 } from './1765300000000-claim-flow-columns';
import { AlertKinds1765310000000 } from './1765310000000-alert-kinds';
import { DiversionLegs1765320000000 } from './1765320000000-diversion-legs';
import { ClaimStateHistory1765330000000 } from './1765330000000-claim-state-history';
import { ClaimHistoryCountryIndexes1765340000000 } from './1765340000000-claim-history-country-indexes';
import { ReportScreenings1765350000000 } from './1765350000000-report-screenings';
import { PossibleDiversionIndexes1765360000000 } from './1765360000000-possible-diversion-indexes';
import { DiversionRouteIndex1765370000000 } from './1765370000000-diversion-route-index';
import { ReadOrderStreamType1765380000000 } from './1765380000000-read-order-stream-type';
import { SearchNfc1765390000000 } from './1765390000000-search-nfc';
import { SearchTrigrams1765400000000 } from './1765400000000-search-trigrams';
import { SearchPairs1765410000000 } from './1765410000000-search-pairs';
import { WebhookAlertUpdated1765420000000 } from './1765420000000-webhook-alert-updated';
import { ListEntryFoldedNames1765430000000 } from './1765430000000-list-entry-folded-names';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const allMigrations = [
  EventStore1764400000000,
  EventAppendNotification1764400100000,
  AcceptedCommands1764400200000,
  ReadModels1764500000000,
  SanctionsAndAlerts1764600000000,
  Webhooks1764700000000,
  ApiKeys1764800000000,
  DropEventAppendNotification1764900000000,
  IncrementalAggregates1765000000000,
  FullTextSearch1765100000000,
  ApiAudit1765200000000,
  ClaimFlowColumns1765300000000,
  AlertKinds1765310000000,
  DiversionLegs1765320000000,
  ClaimStateHistory1765330000000,
  ClaimHistoryCountryIndexes1765340000000,
  ReportScreenings1765350000000,
  PossibleDiversionIndexes1765360000000,
  DiversionRouteIndex1765370000000,
  ReadOrderStreamType1765380000000,
  SearchNfc1765390000000,
  SearchTrigrams1765400000000,
  SearchPairs1765410000000,
  WebhookAlertUpdated1765420000000,
  ListEntryFoldedNames1765430000000,
];
