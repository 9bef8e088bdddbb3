import type { Database } from '../engine/db';
import type { JourneyEnroller } from './enrollment/types';
import type { JourneyStarter } from './journeys';
import type { MailDeps } from './mail';
import type { SmsDeps } from './sms';
import type { WebhookDeps } from './webhooks';

/**
 * What activities and the actions they run may use; the worker entry supplies it. The action
 * registry is not here but beside it (`WorkerDeps`): actions get these deps, so naming the
 * registry here made the action types an import ring.
 */
export interface ActivityDeps {
  db: Database;
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
