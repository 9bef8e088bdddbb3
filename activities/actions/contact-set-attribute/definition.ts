import { Type } from 'typebox';
import { setContactAttribute } from '../contact-attribute';
import { defineAction } from '../definition';
import { PermanentActionError } from '../errors';

/** Sets one custom attribute; other attributes, even ones written concurrently, are kept. */
export const setAttributeAction = defineAction({
  id: 'contact.set_attribute',
  version: 1,
  label: 'Update a contact attribute',
  description: 'Sets one custom attribute of the contact (e.g. plan, last_campaign).',
  category: 'crm',
  icon: 'user-pen',
  input: Type.Object(
    {
      attribute: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$', title: 'Attribute' }),
      value: Type.Union([Type.String({ maxLength: 2_000 }), Type.Number(), Type.Boolean(), Type.Null()], { title: 'Value' }),
    },
    { additionalProperties: false },
  ),
  outputs: ['done'],
  run: async (context, input) => {
    // Segments reading this attribute (and the lead score's profile fit) follow in the same transaction.
    if (!(await setContactAttribute(context, input.attribute, input.value))) throw new PermanentActionError('the contact no longer exists');
    return { outcome: 'done' };
  },
});
