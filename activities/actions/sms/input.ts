import { Type } from 'typebox';
import { TOPIC_KEY_PATTERN } from '../../../engine/journey/schema/common';

/** The SMS node's configuration, as the canvas's form shows it: a saved template or a message written here. */
export const SmsInput = Type.Object(
  {
    templateId: Type.Optional(Type.String({ format: 'uuid', title: 'Template', description: 'A saved SMS template of the workspace; a message written here is sent instead.' })),
    body: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1_600, title: 'Message', description: 'Liquid, e.g. "Hi {{ contact.firstName }}". Long texts are sent as several segments.' }),
    ),
    messageType: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], {
      default: 'marketing',
      title: 'Message type',
      description: 'Marketing texts need SMS consent; transactional ones (delivery updates) do not.',
    }),
    topic: Type.Optional(
      Type.String({
        pattern: TOPIC_KEY_PATTERN,
        title: 'Subscription topic',
        description: 'Marketing only: the topic this message belongs to (e.g. newsletter); contacts who left it, or never joined an opt-in topic, are skipped.',
      }),
    ),
  },
  { additionalProperties: false },
);
