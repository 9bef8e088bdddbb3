import { Type } from 'typebox';

/** The webhook node's configuration, as the canvas's form shows it. */
export const WebhookInput = Type.Object(
  {
    method: Type.Union([Type.Literal('GET'), Type.Literal('POST'), Type.Literal('PUT'), Type.Literal('PATCH'), Type.Literal('DELETE')], { default: 'POST', title: 'Method' }),
    url: Type.String({ minLength: 8, maxLength: 2_000, title: 'URL', description: 'Liquid, e.g. https://shop.example/hooks/{{ contact.externalId }}.' }),
    headers: Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }), Type.String({ maxLength: 2_000 }), { default: {}, title: 'Headers', description: 'Liquid values. Secrets belong in the receiver’s verification of the signature, not here.' }),
    body: Type.Optional(Type.String({ maxLength: 100_000, title: 'JSON body', description: 'Liquid that must render to JSON; use the json filter for values: {{ contact.email | json }}.' })),
    timeoutMs: Type.Integer({ minimum: 500, maximum: 30_000, default: 10_000, title: 'Timeout (ms)' }),
    saveResponseAs: Type.Optional(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$', title: 'Save response as', description: 'Contact attribute that receives the JSON response.' })),
  },
  { additionalProperties: false },
);
