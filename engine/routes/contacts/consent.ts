import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeConsent, changedFields, ConsentInvalidError, flattenConsent, readConsentHistory, readContactConsent, type ContactConsentView } from '../../consent';
import { ApiError } from '../../errors';
import { consentOriginOf } from '../consent-origin';
import { sendPendingConfirmations } from '../pending-confirmations';
import { ConsentChangeBody, ConsentChangeReply, ConsentView, HistoryQuery, HistoryReply } from './consent-schemas';
import { ContactParams } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['consent'], security: [{ apiKey: [] }] };

const viewed = (consent: ContactConsentView) => ({
  channels: consent.channels.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() })),
  topics: consent.topics,
});

/** A contact's consent: read it, read its history, and grant or withdraw with a reason. Registered inside the contacts plugin (its key check applies). */
export const contactConsentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  const contactOrThrow = async (workspaceId: string, contactId: string): Promise<void> => {
    if (!(await prisma.contact.findFirst({ where: { id: contactId, workspaceId }, select: { id: true } }))) throw new ApiError('NOT_FOUND', `contact ${contactId}`);
  };

  app.get(
    '/:contactId/consent',
    { schema: { ...common, summary: "A contact's consent per channel and purpose, and per subscription topic", params: ContactParams, response: { 200: ConsentView, ...errorReplies } } },
    async (request) => {
      await contactOrThrow(request.workspaceId, request.params.contactId);
      return viewed(await readContactConsent(prisma, request.workspaceId, request.params.contactId));
    },
  );

  app.get(
    '/:contactId/consent/history',
    {
      schema: { ...common, summary: "A contact's consent history: every decision with its source, actor, reason and proof", params: ContactParams, querystring: HistoryQuery, response: { 200: HistoryReply, ...errorReplies } },
    },
    async (request) => {
      await contactOrThrow(request.workspaceId, request.params.contactId);
      const history = await readConsentHistory(prisma, request.workspaceId, request.params.contactId, request.query.limit ?? 100);
      return { history: history.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString(), recordedAt: entry.recordedAt.toISOString() })) };
    },
  );

  app.post(
    '/:contactId/consent',
    {
      schema: {
        ...common,
        summary: 'Grant or withdraw consent for a contact',
        description:
          'Per channel (email, sms, push, whatsapp) and purpose (marketing, transactional), and per subscription topic. Each decision is added to the history (source `api`, this key as the actor, the reason and proof), even when it restates the current state; a change moves the segments that read it and emits consent.changed in the same transaction. With double opt-in on, an email marketing grant stays `pending` until the contact confirms.',
        params: ContactParams,
        body: ConsentChangeBody,
        response: { 200: ConsentChangeReply, ...errorReplies },
      },
    },
    async (request) => {
      const { reason, proof, ...decisions } = request.body;
      const flat = flattenConsent(decisions, 'body');
      if (flat.length === 0) throw new ApiError('VALIDATION_FAILED', 'body needs at least one decision (a channel and purpose, or a topic)', 'body');
      const origin = consentOriginOf(request, { formId: proof?.formId, reason });
      const provenance = { ...origin, ...(proof?.ipAddress && { ipAddress: proof.ipAddress }), ...(proof?.userAgent && { userAgent: proof.userAgent }), source: 'api' as const, at: new Date() };
      const result = await changeConsent(prisma, request.workspaceId, request.params.contactId, flat, provenance).catch((error: unknown) => {
        throw error instanceof ConsentInvalidError ? new ApiError('VALIDATION_FAILED', error.message, error.field) : error;
      });
      if (!result) throw new ApiError('NOT_FOUND', `contact ${request.params.contactId}`);
      await sendPendingConfirmations(app, request, request.params.contactId, result.awaitingConfirmation);
      const consent = await readContactConsent(prisma, request.workspaceId, request.params.contactId);
      return { consent: viewed(consent), changed: changedFields(result.changed), awaitingConfirmation: result.awaitingConfirmation };
    },
  );
};
