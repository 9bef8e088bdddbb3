import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadCrmContext } from '../../crm/context';
import { previewSegment } from '../../crm/segments/preview';
import { changeStaticMembers, importStaticMembersCsv, SegmentNotFoundError, StaticSegmentOnlyError } from '../../crm/segments/static-members';
import { checkedCriteria, InvalidSegmentError, saveSegment } from '../../crm/segments/store';
import { ApiError, ERROR_CATALOGUE } from '../../errors';
import { requireApiKey } from '../../plugins/auth';
import { ImportReport, MembersBody, MembersChanged, Preview, PreviewBody, SavedSegment, SegmentBody, SegmentInvalidReply, SegmentParams } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['segments'], security: [{ apiKey: [] }] };

function invalid(request: FastifyRequest, reply: FastifyReply, error: InvalidSegmentError) {
  const detail = `${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} in the criteria`;
  return reply.status(422).send({ error: { code: 'SEGMENT_INVALID', message: ERROR_CATALOGUE.SEGMENT_INVALID.message.replace('{detail}', detail), requestId: request.id }, issues: error.issues });
}

/** Segments: save (static or dynamic, evaluated at once), preview criteria, change static members, import them from CSV. */
export const segmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', requireApiKey);
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 50 * 1_048_576 }, (_request, body, done) => done(null, body));
  const { prisma } = app.services.db;
  const contextOf = (request: FastifyRequest) => loadCrmContext(prisma, request.workspaceId, new Date());

  app.put('/', { schema: { ...common, summary: 'Create or replace a segment by name; a dynamic one is evaluated at once', body: SegmentBody, response: { 200: SavedSegment, 422: SegmentInvalidReply, ...errorReplies } } }, async (request, reply) => {
    try {
      const { id, diff } = await saveSegment(prisma, await contextOf(request), request.body);
      return { segmentId: id, entered: diff.entered.length, exited: diff.exited.length };
    } catch (error) {
      if (error instanceof InvalidSegmentError) return invalid(request, reply, error);
      throw error;
    }
  });

  app.post('/preview', { schema: { ...common, summary: 'How many contacts criteria match, with a sample, before saving', body: PreviewBody, response: { 200: Preview, 422: SegmentInvalidReply, ...errorReplies } } }, async (request, reply) => {
    try {
      return await previewSegment(prisma, await contextOf(request), checkedCriteria(request.body.criteria));
    } catch (error) {
      if (error instanceof InvalidSegmentError) return invalid(request, reply, error);
      throw error;
    }
  });

  const changeMembers = (change: 'entered' | 'exited') => async (request: FastifyRequest<{ Params: { segmentId: string }; Body: { contactIds: string[] } }>) => {
    try {
      return await changeStaticMembers(prisma, await contextOf(request), request.params.segmentId, request.body.contactIds, change, 'api');
    } catch (error) {
      if (error instanceof SegmentNotFoundError) throw new ApiError('NOT_FOUND', `segment ${request.params.segmentId}`);
      if (error instanceof StaticSegmentOnlyError) throw new ApiError('CONFLICT', error.message);
      throw error;
    }
  };
  app.post('/:segmentId/members', { schema: { ...common, summary: 'Add contacts to a static segment', params: SegmentParams, body: MembersBody, response: { 200: MembersChanged, ...errorReplies } } }, changeMembers('entered'));
  app.delete('/:segmentId/members', { schema: { ...common, summary: 'Remove contacts from a static segment', params: SegmentParams, body: MembersBody, response: { 200: MembersChanged, ...errorReplies } } }, changeMembers('exited'));

  app.post(
    '/:segmentId/import',
    { schema: { ...common, summary: 'Add the contacts of a CSV file (email, external_id or contact_id column) to a static segment', consumes: ['text/csv'], params: SegmentParams, response: { 200: ImportReport, ...errorReplies } } },
    async (request) => {
      if (typeof request.body !== 'string') throw new ApiError('VALIDATION_FAILED', 'send the file as text/csv', 'body');
      try {
        return await importStaticMembersCsv(prisma, await contextOf(request), request.params.segmentId, request.body);
      } catch (error) {
        if (error instanceof SegmentNotFoundError) throw new ApiError('NOT_FOUND', `segment ${request.params.segmentId}`);
        if (error instanceof StaticSegmentOnlyError) throw new ApiError('CONFLICT', error.message);
        throw error;
      }
    },
  );
};
