import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ContactNotFoundError } from '../../contacts/errors';
import { ApiError } from '../../errors';
import { afterIdOf, nextCursorOf } from '../page-cursor';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  previewTemplate,
  TemplateInUseError,
  TemplateInvalidError,
  TemplateNameTakenError,
  TemplateNotFoundError,
  TemplateView,
  updateTemplate,
  viewOfTemplate,
} from '../../templates';
import { Deleted, ListQuery, PreviewBody, PreviewReply, TemplateBody, TemplatePage, TemplateParams } from './schemas';

const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } } as const;
const conflict = { 409: { $ref: 'ErrorBody#' } } as const;
const invalid = { 422: { $ref: 'ErrorBody#' } } as const;
const common = { tags: ['templates'], security: [{ apiKey: [] }] };

/**
 * The template services' expected failures as catalogue errors. `where` prefixes the field:
 * `body` when the request body held the bad source, `template` when the stored one did (preview).
 */
function translated(error: unknown, where: 'body' | 'template'): unknown {
  if (error instanceof TemplateInvalidError) return new ApiError('TEMPLATE_INVALID', `${where}.${error.message}`, `${where}.${error.field}`);
  if (error instanceof TemplateNotFoundError) return new ApiError('NOT_FOUND', `template ${error.templateId}`);
  if (error instanceof TemplateNameTakenError || error instanceof TemplateInUseError) return new ApiError('CONFLICT', error.message);
  if (error instanceof ContactNotFoundError) return new ApiError('NOT_FOUND', `contact ${error.contactId}`);
  return error;
}

const mapped = <T>(where: 'body' | 'template', work: () => Promise<T>): Promise<T> =>
  work().catch((error: unknown) => {
    throw translated(error, where);
  });

/** Where the unsubscribe and preference links in a preview point: this API, as the caller reached it. */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/**
 * A preview's unsubscribe and preference links have the real shape but are signed with a key
 * thrown away at once: clicking one in a shared preview (or a screenshot's URL) must not
 * unsubscribe the contact or open their preferences.
 */
const throwawaySecret = (): string => randomBytes(32).toString('base64url');

/** Message templates: CRUD (Liquid checked on save), and a preview rendered for a contact as a send would render it. */
export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;

  app.post(
    '/',
    {
      schema: {
        ...common,
        summary: 'Create a template',
        description: 'Subject, body and textBody must parse as Liquid (422 names the field and line). Email needs a subject; SMS has neither subject nor textBody. 409 when the name is taken.',
        body: TemplateBody,
        response: { 201: TemplateView, ...errorReplies, ...conflict, ...invalid },
      },
    },
    async (request, reply) => reply.status(201).send(viewOfTemplate(await mapped('body', () => createTemplate(prisma, request.workspaceId, request.body)))),
  );

  app.get('/', { schema: { ...common, summary: 'List templates, a page at a time (in id order)', querystring: ListQuery, response: { 200: TemplatePage, ...errorReplies } } }, async (request) => {
    const afterId = afterIdOf(request.query.cursor);
    const page = await listTemplates(prisma, request.workspaceId, { limit: request.query.limit ?? 50, ...(request.query.channel && { channel: request.query.channel }), ...(afterId !== undefined && { afterId }) });
    return { templates: page.templates.map(viewOfTemplate), nextCursor: nextCursorOf(page.more, page.templates.at(-1)?.id) };
  });

  app.get('/:templateId', { schema: { ...common, summary: 'A template', params: TemplateParams, response: { 200: TemplateView, ...errorReplies } } }, async (request) =>
    viewOfTemplate(await mapped('body', () => getTemplate(prisma, request.workspaceId, request.params.templateId))),
  );

  app.put(
    '/:templateId',
    {
      schema: {
        ...common,
        summary: 'Replace a template',
        description: 'The same rules as creating. Journeys use the new content from their next send.',
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TemplateView, ...errorReplies, ...conflict, ...invalid },
      },
    },
    async (request) => viewOfTemplate(await mapped('body', () => updateTemplate(prisma, request.workspaceId, request.params.templateId, request.body))),
  );

  app.delete(
    '/:templateId',
    {
      schema: {
        ...common,
        summary: 'Delete a template',
        description: 'Refused (409, naming the journeys) while a journey may still send it: its latest published version uses the template and the journey is not archived, or contacts still run a version that uses it.',
        params: TemplateParams,
        response: { 204: Deleted, ...errorReplies, ...conflict },
      },
    },
    async (request, reply) => {
      await mapped('body', () => deleteTemplate(prisma, request.workspaceId, request.params.templateId));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:templateId/preview',
    {
      schema: {
        ...common,
        summary: 'Render a template for a contact, as a send would',
        description:
          'Same renderer, variables ({{ contact }}, {{ event }} from sampleEvent, {{ unsubscribe_url }} and {{ preferences_url }} for marketing email) and sandbox limits as the send activities; nothing is sent. 422 names the template field and line of a Liquid error.',
        params: TemplateParams,
        body: PreviewBody,
        response: { 200: PreviewReply, ...errorReplies, ...invalid },
      },
    },
    async (request) =>
      mapped('template', () =>
        previewTemplate(prisma, request.workspaceId, request.params.templateId, request.body, {
          unsubscribe: { baseUrl: originOf(request), secret: throwawaySecret(), preferenceLinkDays: app.services.mail.preferenceLinkDays },
          now: new Date(),
        }),
      ),
  );
};
