export * from './countries';
export * from './currencies';
export * from './hs-codes';
export * from './admiralty';
export * from './cameo';
export * from './diplomatic-event-types';
export * from './item-classifications';
export * from './edtf-dates';
