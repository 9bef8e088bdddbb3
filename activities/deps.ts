import type { Database } from '../engine/db';
import type { ActionRegistry } from './actions/registry';
import type { JourneyEnroller } from './enrollment/types';
import type { JourneyStarter } from './journeys';
import type { MailDeps } from './mail';
import type { SmsDeps } from './sms';
import type { WebhookDeps } from './webhooks';

/** What activities may use; the worker entry supplies it. */
export interface ActivityDeps {
  db: Database;
  /** The actions journeys can call, by id and version. */
  actions: ActionRegistry;
  /** Email transport (SMTP or the local outbox) and sender settings. */
  mail: MailDeps;
  /** SMS transport (Twilio or the local outbox). */
  sms: SmsDeps;
  /** Webhook signing secret and SSRF allow-list. */
  webhooks: WebhookDeps;
  /** Enters contacts into other journeys (the `journey.start` action). */
  journeys: JourneyStarter;
  /** Starts contacts' runs for bulk enrollments (segments, schedule and date triggers). */
  enroller: JourneyEnroller;
}
