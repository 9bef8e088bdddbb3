export { contactAddresses, type ContactAddress } from './addresses';
export { cancelRunningJourneys } from './cancel-journeys';
export { quotedIdentifier, tablesWithContactId } from './contact-tables';
export { eraseContact, ERASURE_SOURCE, type ErasureReport } from './erase';
export { exportContact, type ContactExport, type ContactTables } from './export';
export { JourneysNotCancelledError } from './errors';
