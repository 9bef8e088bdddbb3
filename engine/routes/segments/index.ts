import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadCrmContext } from '../../crm/context';
import { deleteSegment, SegmentInUseError } from '../../crm/segments/delete';
import { segmentDetail } from '../../crm/segments/detail';
import { listSegments } from '../../crm/segments/list';
import { listSegmentMembers } from '../../crm/segments/members';
import { previewSegment } from '../../crm/segments/preview';
import { changeStaticMembers, importStaticMembersCsv, SegmentNotFoundError, StaticSegmentOnlyError } from '../../crm/segments/static-members';
import { checkedCriteria, InvalidSegmentError, saveSegment } from '../../crm/segments/store';
import { ApiError, ERROR_CATALOGUE } from '../../errors';
import { afterIdOf, nextCursorOf } from '../page-cursor';
import {
  ImportReport,
  MemberPage,
  MembersBody,
  MembersChanged,
  PageQuery,
  Preview,
  PreviewBody,
  SavedSegment,
  SegmentBody,
  SegmentDeleted,
  SegmentDetail,
  SegmentInvalidReply,
  SegmentPage,
  SegmentParams,
} from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['segments'], security: [{ apiKey: [] }] };

function invalid(request: FastifyRequest, reply: FastifyReply, error: InvalidSegmentError) {
  const detail = `${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} in the criteria`;
  return reply.status(422).send({ error: { code: 'SEGMENT_INVALID', message: ERROR_CATALOGUE.SEGMENT_INVALID.message.replace('{detail}', detail), requestId: request.id }, issues: error.issues });
}

/**
 * Segments: save (static or dynamic, evaluated at once), preview criteria, change static members,
 * import them from CSV; list, read, list members, delete.
 */
export const segmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
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

  app.get('/', { schema: { ...common, summary: 'List segments with their member counts, a page at a time (in id order)', querystring: PageQuery, response: { 200: SegmentPage, ...errorReplies } } }, async (request) => {
    const afterId = afterIdOf(request.query.cursor);
    const page = await listSegments(prisma, request.workspaceId, { limit: request.query.limit ?? 50, ...(afterId !== undefined && { afterId }) });
    return {
      segments: page.segments.map((segment) => ({ ...segment, evaluatedAt: segment.evaluatedAt?.toISOString() ?? null, createdAt: segment.createdAt.toISOString(), updatedAt: segment.updatedAt.toISOString() })),
      nextCursor: nextCursorOf(page.more, page.segments.at(-1)?.id),
    };
  });

  app.get('/:segmentId', { schema: { ...common, summary: 'A segment: its definition, what it depends on, and counts', params: SegmentParams, response: { 200: SegmentDetail, ...errorReplies } } }, async (request) => {
    const segment = await segmentDetail(prisma, request.workspaceId, request.params.segmentId, new Date());
    if (!segment) throw new ApiError('NOT_FOUND', `segment ${request.params.segmentId}`);
    return { ...segment, evaluatedAt: segment.evaluatedAt?.toISOString() ?? null, createdAt: segment.createdAt.toISOString(), updatedAt: segment.updatedAt.toISOString() };
  });

  app.get(
    '/:segmentId/members',
    { schema: { ...common, summary: 'A segment’s members, a page at a time (in contact id order)', params: SegmentParams, querystring: PageQuery, response: { 200: MemberPage, ...errorReplies } } },
    async (request) => {
      const afterId = afterIdOf(request.query.cursor);
      try {
        const page = await listSegmentMembers(prisma, request.workspaceId, request.params.segmentId, { limit: request.query.limit ?? 50, ...(afterId !== undefined && { afterId }) });
        return { members: page.members.map((member) => ({ ...member, since: member.since.toISOString() })), nextCursor: nextCursorOf(page.more, page.members.at(-1)?.contactId) };
      } catch (error) {
        if (error instanceof SegmentNotFoundError) throw new ApiError('NOT_FOUND', `segment ${request.params.segmentId}`);
        throw error;
      }
    },
  );

  app.delete(
    '/:segmentId',
    {
      schema: {
        ...common,
        summary: 'Delete a segment nothing relies on',
        description:
          'Refused (409, naming them) while a journey relies on the segment (trigger, segment.add/remove) in its latest published version (journey not archived) or in a version contacts still run, or another segment’s criteria test membership of it. Each member is announced as segment.exited (source segment_deleted), as when a contact is deleted; membership and its history go with the segment.',
        params: SegmentParams,
        response: { 200: SegmentDeleted, ...errorReplies },
      },
    },
    async (request) => {
      try {
        const { exited } = await deleteSegment(prisma, request.workspaceId, request.params.segmentId);
        return { segmentId: request.params.segmentId, exited };
      } catch (error) {
        if (error instanceof SegmentNotFoundError) throw new ApiError('NOT_FOUND', `segment ${request.params.segmentId}`);
        if (error instanceof SegmentInUseError) throw new ApiError('CONFLICT', error.message);
        throw error;
      }
    },
  );
};
