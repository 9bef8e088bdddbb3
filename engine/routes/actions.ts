import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const CatalogEntry = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  label: Type.String(),
  description: Type.String(),
  category: Type.String(),
  icon: Type.String(),
  outputs: Type.Array(Type.String()),
  /** JSON Schema of the node's input: the canvas generates its form from it. */
  input: Type.Record(Type.String(), Type.Unknown()),
  sendsMessage: Type.Boolean(),
  /** Names of engine-side credentials the action uses (never part of the journey). */
  credentials: Type.Array(Type.String()),
});

/** The action catalog: the canvas's palette and config forms, built-in and custom actions alike. */
export const actionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    { schema: { summary: 'Actions journeys can use', tags: ['actions'], security: [{ apiKey: [] }], response: { 200: Type.Object({ actions: Type.Array(CatalogEntry) }), 401: { $ref: 'ErrorBody#' } } } },
    async () => ({ actions: app.services.actions.catalog().map((entry) => ({ ...entry, input: { ...entry.input } })) }),
  );
};
