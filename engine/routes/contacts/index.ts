import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ContactImportHeaderError,
  ContactIdentityConflictError,
  ContactIdentityTakenError,
  ContactInvalidError,
  ContactNotFoundError,
  deleteContact,
  findContact,
  importContactsCsv,
  mergeContacts,
  parseAttributeFilter,
  searchContacts,
  upsertContact,
  viewOf,
} from '../../contacts';
import { SegmentNotFoundError } from '../../crm/segments/static-members';
import { ApiError } from '../../errors';
import { consentOriginOf } from '../consent-origin';
import { sendPendingConfirmations } from '../pending-confirmations';
import { contactAttributeRoutes } from './attributes';
import { contactConsentRoutes } from './consent';
import { contactMessageRoutes } from './messages';
import { ContactPageReply, ContactParams, ContactReply, Deleted, ImportReply, MergeBody, MergeReply, SearchQuery, UpsertBody, UpsertReply } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['contacts'], security: [{ apiKey: [] }] };

/** The contact services' expected failures, as catalogue errors naming the request field at fault. */
function translated(error: unknown, location: 'body' | 'querystring'): unknown {
  if (error instanceof ContactInvalidError) return new ApiError('VALIDATION_FAILED', error.message.replace(error.field, `${location}.${error.field}`), `${location}.${error.field}`);
  if (error instanceof ContactIdentityConflictError || error instanceof ContactIdentityTakenError) return new ApiError('CONFLICT', error.message);
  if (error instanceof ContactNotFoundError) return new ApiError('NOT_FOUND', `contact ${error.contactId}`);
  if (error instanceof SegmentNotFoundError) return new ApiError('NOT_FOUND', error.message);
  return error;
}

const mapped = <T>(location: 'body' | 'querystring', work: () => Promise<T>): Promise<T> =>
  work().catch((error: unknown) => {
    throw translated(error, location);
  });

/** Contacts: upsert by external id or email, search, read, delete, and merge a duplicate into another. */
export const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  await app.register(contactConsentRoutes);
  await app.register(contactAttributeRoutes);
  await app.register(contactMessageRoutes);
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 50 * 1_048_576 }, (_request, body, done) => done(null, body));

  app.post(
    '/import',
    {
      schema: {
        ...common,
        summary: 'Import contacts from a CSV file (up to 50 MB)',
        description:
          'Columns: email and/or external_id (one is needed per row), phone, first_name, last_name, company, type, source, timezone, locale, preferred_channel, tags (separated by ";"), consent as consent.<channel>.<purpose> (e.g. consent.email.marketing) and topic.<key> (e.g. topic.newsletter) with granted/withdrawn (or yes/no, true/false, 1/0; recorded with source import, restatements skipped), and any other column (or attributes.<key>) as a custom attribute. Each row is validated and upserted like PUT /v1/contacts, in its own transaction; empty cells leave fields alone; a re-run changes nothing. The report lists refused rows with the column at fault, and rows that repeat a contact of an earlier row.',
        consumes: ['text/csv'],
        response: { 200: ImportReply, ...errorReplies },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string') throw new ApiError('VALIDATION_FAILED', 'send the file as text/csv', 'body');
      try {
        return await importContactsCsv(prisma, request.workspaceId, request.body, new Date(), undefined, consentOriginOf(request));
      } catch (error) {
        if (error instanceof ContactImportHeaderError) throw new ApiError('VALIDATION_FAILED', error.message, 'body');
        throw error;
      }
    },
  );

  app.put(
    '/',
    {
      schema: {
        ...common,
        summary: 'Create or update a contact, found by externalId, else by email',
        description: 'Fields left out are kept; null clears a field; tags replace the tag set; attributes merge (null removes a key); `consent` records decisions per channel and purpose and per subscription topic (source `api`; a decision equal to the current state is not repeated in the history). The change, its events, the rescore and the segments that read what changed commit together. 201 when the contact was created.',
        body: UpsertBody,
        response: { 200: UpsertReply, 201: UpsertReply, 409: { $ref: 'ErrorBody#' }, ...errorReplies },
      },
    },
    async (request, reply) => {
      const result = await mapped('body', () => upsertContact(prisma, request.workspaceId, request.body, new Date(), { source: 'api', origin: consentOriginOf(request) }));
      await sendPendingConfirmations(app, request, result.contact.id, result.awaitingConfirmation);
      return reply.status(result.created ? 201 : 200).send({ contact: viewOf(result.contact), created: result.created, changed: result.changed, awaitingConfirmation: result.awaitingConfirmation });
    },
  );

  app.get('/', { schema: { ...common, summary: 'Search contacts, a page at a time (in id order)', querystring: SearchQuery, response: { 200: ContactPageReply, ...errorReplies } } }, async (request) => {
    const { attributes, limit, ...filters } = request.query;
    const page = await mapped('querystring', async () =>
      searchContacts(prisma, request.workspaceId, { ...filters, limit: limit ?? 50, ...(attributes === undefined ? {} : { attributes: parseAttributeFilter(attributes) }) }),
    );
    return { contacts: page.contacts.map(viewOf), nextCursor: page.nextCursor };
  });

  app.get('/:contactId', { schema: { ...common, summary: 'A contact', params: ContactParams, response: { 200: ContactReply, ...errorReplies } } }, async (request) => {
    const contact = await findContact(prisma, request.workspaceId, request.params.contactId);
    if (!contact) throw new ApiError('NOT_FOUND', `contact ${request.params.contactId}`);
    return viewOf(contact);
  });

  app.delete(
    '/:contactId',
    {
      schema: {
        ...common,
        summary: 'Delete a contact and everything attached to it',
        description: 'Each segment membership it had is announced as segment.exited (source contact_deleted). Running journeys are not cancelled here: that is GDPR erasure.',
        params: ContactParams,
        response: { 204: Deleted, ...errorReplies },
      },
    },
    async (request, reply) => {
      if (!(await deleteContact(prisma, request.workspaceId, request.params.contactId))) throw new ApiError('NOT_FOUND', `contact ${request.params.contactId}`);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:contactId/merge',
    {
      schema: {
        ...common,
        summary: 'Merge a duplicate contact into this one',
        description:
          'Moves events, orders, consents (the most recent per channel and message type wins), messages, loyalty accounts (balances add up, the higher tier stays), static segment memberships, score adjustments and enrollments; fills missing profile fields, unites tags, merges attributes (this contact wins); deletes the duplicate; rescores this contact and re-checks its segments. One transaction.',
        params: ContactParams,
        body: MergeBody,
        response: { 200: MergeReply, ...errorReplies },
      },
    },
    async (request) => {
      const report = await mapped('body', () => mergeContacts(prisma, request.workspaceId, request.params.contactId, request.body.from, new Date()));
      return { contact: viewOf(report.contact), moved: report.moved, changed: report.changed };
    },
  );
};
