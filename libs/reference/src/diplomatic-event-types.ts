import { isCameoCode } from './cameo';
/**
 * The internal diplomatic event types analysts choose from, each mapped to one CAMEO event code (GDELT CAMEO
 * 1.1b3). A small enum serves analysts better than the 300 CAMEO codes; the code keeps the data interoperable.
 * `meeting` is a consultation in general (040); `meeting-third-location` is CAMEO 044.
 */
export const DIPLOMATIC_EVENT_TYPES = {
  statement: '010',
  'deny-responsibility': '016',
  'intent-to-cooperate-militarily': '0312',
  'intent-to-meet': '036',
  meeting: '040',
  'phone-call': '041',
  visit: '042',
  'host-visit': '043',
  'meeting-third-location': '044',
  negotiate: '046',
  'sign-agreement': '057',
  'cooperate-economically': '061',
  'cooperate-militarily': '062',
  'provide-military-aid': '072',
  accuse: '112',
  'impose-sanctions': '163',
} as const;

export type DiplomaticEventType = keyof typeof DIPLOMATIC_EVENT_TYPES;

export function isDiplomaticEventType(value: unknown): value is DiplomaticEventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DIPLOMATIC_EVENT_TYPES, value);
}

/** The CAMEO code of an internal event type, e.g. `visit` → `042`. */
export function cameoCodeOf(eventType: DiplomaticEventType): string {
  return DIPLOMATIC_EVENT_TYPES[eventType];
}

/**
 * True when `cameoCode` may code an event of `eventType`: a known CAMEO code under the same CAMEO root (first two
 * digits) as the type's own code, e.g. `meeting` (040) coded 044, meeting at a third location. Any known code fits
 * `other`; an unknown event type fits nothing.
 */
export function cameoCodeFitsEventType(eventType: string, cameoCode: string): boolean {
  if (!isCameoCode(cameoCode)) return false;
  if (eventType === 'other') return true;
  return isDiplomaticEventType(eventType) && cameoCodeOf(eventType).slice(0, 2) === cameoCode.slice(0, 2);
}
