import { parseAllowList, type AllowList } from './channels/webhook/ssrf';

/** Webhook signing and the SSRF allow-list; built once by the worker entry. */
export interface WebhookDeps {
  signingSecret: string;
  allow: AllowList;
}

export function createWebhookDeps(settings: { signingSecret: string; allowedHosts: readonly string[] }): WebhookDeps {
  return { signingSecret: settings.signingSecret, allow: parseAllowList(settings.allowedHosts) };
}
