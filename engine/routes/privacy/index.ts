import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ContactNotFoundError } from '../../contacts';
import { ApiError } from '../../errors';
import { eraseContact, exportContact, JourneysNotCancelledError } from '../../privacy';
import { ContactParams, ErasureReply, ExportReply } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['contacts'], security: [{ apiKey: [] }] };

/** GDPR: a contact's data as one document (access, portability), and erasure. Registered under /v1/contacts. */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.get(
    '/:contactId/export',
    {
      schema: {
        ...common,
        summary: 'Everything stored about a contact, as one JSON document',
        description:
          'Profile, consents and their history, suppressions of its addresses, events (with the anonymous ones of the same visitor), orders and items, messages and their delivery history, segment memberships and history, scores and stage histories, loyalty accounts, ledger, tier changes and redemptions, journey enrollments and node visits. One section per table.',
        params: ContactParams,
        response: { 200: ExportReply, ...errorReplies },
      },
    },
    async (request) => {
      const exported = await exportContact(prisma, request.workspaceId, request.params.contactId, new Date());
      if (!exported) throw new ApiError('NOT_FOUND', `contact ${request.params.contactId}`);
      return exported;
    },
  );

  app.post(
    '/:contactId/erase',
    {
      schema: {
        ...common,
        summary: 'Erase a contact (GDPR right to erasure)',
        description:
          'Cancels the contact’s running journeys, then in one transaction: suppresses its email and phone by hash (never stored in clear) so they are not messaged again, announces its segment exits (source contact_erased), removes change announcements and local outbox copies that name it, and deletes the contact with every row that references it, the message log included. 503 when a running journey cannot be cancelled: nothing is erased then.',
        params: ContactParams,
        response: { 200: ErasureReply, 503: { $ref: 'ErrorBody#' }, ...errorReplies },
      },
    },
    async (request) => {
      try {
        const report = await eraseContact(prisma, app.services.temporal.client, request.workspaceId, request.params.contactId, new Date());
        // The contact id is the only handle left to it: the log pairs it with the erasure id.
        request.log.info({ erasureId: report.erasureId, contactId: report.contactId, deleted: report.deleted }, 'contact erased');
        return report;
      } catch (error) {
        if (error instanceof ContactNotFoundError) throw new ApiError('NOT_FOUND', `contact ${error.contactId}`);
        if (error instanceof JourneysNotCancelledError) {
          request.log.error({ err: error }, 'erasure refused: a journey run could not be cancelled');
          throw new ApiError('TEMPORAL_UNAVAILABLE');
        }
        throw error;
      }
    },
  );
};
