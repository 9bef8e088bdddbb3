export { AUDIT_DECLARATIONS, isAudited, openApiPath, type AuditDeclaration, type Audited, type NotAudited, type TargetSource } from './declarations';
export { appendAuditEntry, auditValueOf, safeSummary, type AuditActor, type AuditEntryInput, type AuditSummary, type AuditValue } from './entry';
export { decodeAuditCursor, encodeAuditCursor, listAuditEntries, type AuditEntryView, type AuditFilter } from './list';
export { auditPlugin, type AuditNote } from './plugin';
export { scrubAuditOfContact } from './scrub';
