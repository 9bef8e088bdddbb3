import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import { ApiError, ERROR_CATALOGUE } from '../../errors';
import { identify, IdentifyInput, ingestBatch, IngestError, OrderInput, recordOrder, TrackInput, TrackQueue, type BatchItemOutcome } from '../../ingest';
import { consentOriginOf } from '../consent-origin';
import { sendPendingConfirmations } from '../pending-confirmations';
import { BatchBody, BatchReport, Identified, OrderRecorded, Tracked } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' }, 413: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['ingestion'], security: [{ apiKey: [] }] };

const KiB = 1_024;
/**
 * Body limits per route, each a little above the largest valid body: properties and
 * attributes are capped at 32 KiB by the service, an order at 500 items, a batch at 500 items.
 */
const BODY_LIMIT = { track: 64 * KiB, identify: 64 * KiB, order: 256 * KiB, batch: 4 * 1_024 * KiB } as const;

/** An ingestion refusal as the catalogue's error; `at` prefixes the field (`body.`). */
function apiErrorOf(error: IngestError, at: string): ApiError {
  const field = `${at}${error.field}`;
  switch (error.kind) {
    case 'invalid':
      return new ApiError('VALIDATION_FAILED', `${field} ${error.detail}`, field);
    case 'not_found':
      return new ApiError('NOT_FOUND', `${field} ${error.detail}`, field);
    case 'conflict':
      return new ApiError('CONFLICT', `${field} ${error.detail}`, field);
    case 'currency_mismatch':
      return new ApiError('CURRENCY_MISMATCH', `${field} ${error.detail}`, field);
  }
}

const asApiError = (error: unknown): never => {
  throw error instanceof IngestError ? apiErrorOf(error, 'body.') : error;
};

/** A batch item's result; an unexpected failure is logged and reported without its internals. */
function reported(outcome: BatchItemOutcome, log: FastifyBaseLogger) {
  if (outcome.status !== 'error') return { index: outcome.index, status: outcome.status };
  if (outcome.error instanceof IngestError) {
    const { code, message, field } = apiErrorOf(outcome.error, '');
    return { index: outcome.index, status: outcome.status, error: { code, message, ...(field === undefined ? {} : { field }) } };
  }
  log.error({ err: outcome.error, index: outcome.index }, 'batch item failed');
  return { index: outcome.index, status: outcome.status, error: { code: 'INTERNAL', message: ERROR_CATALOGUE.INTERNAL.message } };
}

/**
 * Ingestion: events, profile updates and orders from shops and apps, one at a time or in
 * batches. Every call is scoped to the API key's workspace: a contact id of another workspace
 * is not found, and an email or external id names (or creates) this workspace's contact.
 */
export const ingestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  // One per app: concurrent track calls of a workspace are written together (group commit).
  const tracking = new TrackQueue(prisma);

  app.post(
    '/track',
    {
      bodyLimit: BODY_LIMIT.track,
      schema: {
        ...common,
        summary: 'Record an event for a contact',
        description: 'The contact is found by contactId, externalId or email (an unknown externalId or email creates it). A messageId sent before is answered `duplicate: true` and nothing is written.',
        body: TrackInput,
        response: { 200: Tracked, ...errorReplies },
      },
    },
    async (request) => tracking.track(request.workspaceId, request.body).catch(asApiError),
  );

  app.post(
    '/identify',
    {
      bodyLimit: BODY_LIMIT.identify,
      schema: {
        ...common,
        summary: "Create or update a contact's profile and attributes",
        description:
          'The contact is found by contactId, else externalId, else email, and created for an unknown externalId or email. Fields left out are left alone; null clears a field or removes an attribute. `consent` records decisions per channel and purpose and per subscription topic (source `api`, with this key, the client address and agent as proof); a decision equal to the current state is not repeated in the history.',
        body: IdentifyInput,
        response: { 200: Identified, ...errorReplies },
      },
    },
    async (request) => {
      const identified = await identify(prisma, request.workspaceId, request.body, new Date(), consentOriginOf(request)).catch(asApiError);
      await sendPendingConfirmations(app, request, identified.contactId, identified.awaitingConfirmation);
      return identified;
    },
  );

  app.post(
    '/orders',
    {
      bodyLimit: BODY_LIMIT.order,
      schema: {
        ...common,
        summary: 'Create or update an order by its external id',
        description: "A re-send with the same content changes nothing; a new status or amount updates the order. The contact's scores and the segments reading orders follow at once. The order must be in the workspace's currency (scores add amounts up in it): another currency is a 422 CURRENCY_MISMATCH naming `currency`. Loyalty points are not awarded here: use the loyalty.award_points journey action.",
        body: OrderInput,
        response: { 200: OrderRecorded, 422: { $ref: 'ErrorBody#' }, ...errorReplies },
      },
    },
    async (request) => recordOrder(prisma, request.workspaceId, request.body).catch(asApiError),
  );

  app.post(
    '/batch',
    {
      bodyLimit: BODY_LIMIT.batch,
      schema: {
        ...common,
        summary: 'Ingest up to 500 events, profile updates and orders',
        description: 'Each item is checked and committed on its own, in order; the reply reports every item (`ok`, `duplicate` or `error` with the field at fault), so one bad item never loses the others.',
        body: BatchBody,
        response: { 200: BatchReport, ...errorReplies },
      },
    },
    async (request) => {
      const outcomes = await ingestBatch(prisma, request.workspaceId, request.body.items, new Date(), consentOriginOf(request));
      for (const outcome of outcomes) {
        if (outcome.status !== 'error' && outcome.awaitingConfirmation) await sendPendingConfirmations(app, request, outcome.awaitingConfirmation.contactId, outcome.awaitingConfirmation.channels);
      }
      const results = outcomes.map((outcome) => reported(outcome, request.log));
      const count = (status: string) => results.filter((result) => result.status === status).length;
      return { ok: count('ok'), duplicate: count('duplicate'), error: count('error'), results };
    },
  );
};
