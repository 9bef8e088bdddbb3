import { Type, type Static } from 'typebox';
import type { Scope as AccessScope } from '../../access/permissions';

const SCOPE_HELP = 'full: everything, including keys and settings; ingest: POST /v1/track, /v1/identify, /v1/orders, /v1/batch only; read: GET routes only.';
const scopeSchema = (description: string) => Type.Union([Type.Literal('full'), Type.Literal('ingest'), Type.Literal('read')], { description });
const Scope = scopeSchema(SCOPE_HELP);
// The schema spells the scopes out for the type provider; this fails to compile if the table's list changes.
const sameScopes: [Static<typeof Scope>, AccessScope] extends [AccessScope, Static<typeof Scope>] ? true : never = true;
void sameScopes;
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const KeyParams = Type.Object({ keyId: Type.String({ format: 'uuid' }) });

export const CreateKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'What the key is for, e.g. "shop tracking".' }),
    scope: Type.Optional(scopeSchema(`${SCOPE_HELP} Default full.`)),
  },
  { additionalProperties: false },
);

export const KeyView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to tell keys apart; the key itself is never shown again.' }),
  scope: Scope,
  createdBy: Nullable(Type.String({ description: '"cli", or "api_key:<id>" for a key made through the API.' })),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});

export const CreatedKey = Type.Object({
  ...KeyView.properties,
  key: Type.String({ description: 'The API key, shown this once: only its hash is stored.' }),
});

export const KeyList = Type.Object({ apiKeys: Type.Array(KeyView) });
