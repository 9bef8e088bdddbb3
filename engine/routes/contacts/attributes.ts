import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ATTRIBUTE_KEYS_LIMIT, ATTRIBUTE_TYPES, attributeKeys } from '../../contacts';

const AttributesReply = Type.Object({
  attributes: Type.Array(
    Type.Object({
      key: Type.String(),
      type: Type.Union(
        ATTRIBUTE_TYPES.map((type) => Type.Literal(type)),
        { description: 'The JSON type of its values; when contacts disagree, the most common one.' },
      ),
    }),
  ),
});

/** The custom attribute keys in use, for the builder's condition and date-attribute pickers. Registered inside contactRoutes. */
export const contactAttributeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  app.get(
    '/attributes',
    {
      schema: {
        tags: ['contacts'],
        security: [{ apiKey: [] }],
        summary: 'The custom attribute keys in use in the workspace, with their types',
        description: `Up to ${ATTRIBUTE_KEYS_LIMIT} keys of contacts' custom attributes, sorted by key. Keys whose every value is null are left out.`,
        response: { 200: AttributesReply, 401: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => ({ attributes: await attributeKeys(prisma, request.workspaceId) }),
  );
};
