export { loadConfig } from './load';
export { ConfigError } from './errors';
export type { AppConfig, DatabaseConfig, MailConfig, TemporalConfig } from './types';
