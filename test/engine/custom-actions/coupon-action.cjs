// A developer's own action, written outside the engine exactly as the README shows it:
// an id, a version, a TypeBox input schema, its outcomes, and `run`.
const { Type } = require('typebox');

module.exports.actions = [
  {
    id: 'acme.coupon',
    version: 1,
    label: 'Issue a coupon',
    description: 'Creates a one-time discount code and saves it on the contact.',
    category: 'custom',
    input: Type.Object({ percent: Type.Integer({ minimum: 1, maximum: 90, default: 10, title: 'Discount (%)' }) }),
    outputs: ['issued'],
    async run(context, input) {
      const code = `ACME${input.percent}-${context.idempotencyKey.slice(0, 8).toUpperCase()}`;
      await context.deps.db.prisma.$executeRaw`UPDATE contact SET attributes = attributes || jsonb_build_object('coupon', ${code}::text) WHERE id = ${context.contactId}::uuid AND workspace_id = ${context.workspaceId}::uuid`;
      return { outcome: 'issued', detail: code };
    },
  },
];
