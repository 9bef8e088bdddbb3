export { loadConfig } from './load';
export { ConfigError } from './errors';
export type { AppConfig, DatabaseConfig, MailConfig, SmsConfig, TemporalConfig } from './types';
