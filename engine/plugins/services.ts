import type { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ActionRegistry } from '../../activities/actions';
import type { MailDeps } from '../../activities/mail';
import type { SessionPolicy } from '../accounts';
import type { Database } from '../db';

/** What signing in needs (engine/accounts, engine/plugins/auth.ts). */
export interface AccountServices {
  /** Signs the CSRF cookie and keys its tokens: SESSION_SECRET or `DATA_DIR/session.secret`. */
  secret: string;
  /** Secure cookies, with the `__Host-` prefix, when PUBLIC_URL is https. */
  secureCookies: boolean;
  sessionPolicy: SessionPolicy;
  /** Days an invitation link stays valid. */
  invitationDays: number;
  /**
   * Embedded mode (no SMTP) also prints invitation links to the console, as it prints the
   * setup link: the person running it can pass a link on without reading the outbox.
   */
  printLink: ((line: string) => void) | undefined;
}

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
