import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ActionCatalogEntry } from '../journey/catalog';

/**
 * The action catalog: the canvas's palette and config forms, built-in and custom actions
 * alike, as the same plain data the server compiles drafts with, so the browser's compile
 * and lint give the server's answers.
 */
export const actionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    { schema: { summary: 'Actions journeys can use', tags: ['actions'], security: [{ apiKey: [] }], response: { 200: Type.Object({ actions: Type.Array(ActionCatalogEntry) }), 401: { $ref: 'ErrorBody#' } } } },
    async () => ({ actions: app.services.actions.catalog() }),
  );
};
