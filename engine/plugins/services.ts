import type { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ActionRegistry } from '../../activities/actions';
import type { MailDeps } from '../../activities/mail';
import type { AccountServices } from '../accounts';
import type { Database } from '../db';

/** The long-lived services routes use, created by the server and handed to the app. */
export interface AppServices {
  db: Database;
  /** The action registry: the compiler's catalog and the palette's source. */
  actions: ActionRegistry;
  /** Verifies the unsubscribe links in sent email. */
  unsubscribeSecret: string;
  /**
   * The worker's own mail settings and transport (SMTP or the local outbox): mail the engine
   * sends itself (double opt-in confirmations) takes the same path as journey mail, and the
   * preference center and confirmation links are signed with keys derived from its secret.
   */
  mail: MailDeps;
  /**
   * Set when Twilio is configured: verifies its webhooks, each signed over the URL Twilio was
   * given (the status callback the engine names per message; the number's incoming-message URL).
   */
  twilioCallback?: { authToken: string; statusUrl: string; inboundUrl: string };
  accounts: AccountServices;
  temporal: {
    client: Client;
    connection: Connection;
    address: string;
    namespace: string;
    taskQueue: string;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

export const servicesPlugin = fp(
  async (app: FastifyInstance, services: AppServices) => {
    app.decorate('services', services);
  },
  { name: 'services' },
);
