import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health';
import { helloRoutes } from './hello';
import { actionRoutes } from './actions';
import { bulkEnrollmentRoutes } from './bulk-enrollment';
import { twilioCallbackRoutes } from './callbacks/twilio';
import { consentRoutes } from './consent';
import { crmRoutes } from './crm';
import { contactRoutes } from './contacts';
import { ingestRoutes } from './ingest';
import { journeyRoutes } from './journeys';
import { contactEnrollmentRoutes } from './journeys/contact-enrollments';
import { outboxRoutes } from './outbox';
import { privacyRoutes } from './privacy';
import { segmentRoutes } from './segments';
import { templateRoutes } from './templates';
import { unsubscribeRoutes } from './unsubscribe';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(helloRoutes);
  await app.register(journeyRoutes, { prefix: '/v1/journeys' });
  await app.register(bulkEnrollmentRoutes, { prefix: '/v1/journeys' });
  await app.register(segmentRoutes, { prefix: '/v1/segments' });
  await app.register(templateRoutes, { prefix: '/v1/templates' });
  await app.register(contactRoutes, { prefix: '/v1/contacts' });
  await app.register(privacyRoutes, { prefix: '/v1/contacts' });
  await app.register(contactEnrollmentRoutes, { prefix: '/v1/contacts' });
  await app.register(consentRoutes, { prefix: '/v1/consent' });
  await app.register(crmRoutes, { prefix: '/v1/scores' });
  await app.register(outboxRoutes, { prefix: '/v1/outbox' });
  await app.register(ingestRoutes, { prefix: '/v1' });
  await app.register(actionRoutes, { prefix: '/v1/actions' });
  await app.register(unsubscribeRoutes);
  await app.register(twilioCallbackRoutes, { prefix: '/v1/callbacks' });
}
