import { testContactConditions } from '../../engine/crm/segments/contact-conditions';
import type { PrismaClient } from '../../prisma/generated/client';
import type { EvaluateConditionsInput } from './types';

/**
 * Tests branch, wait and exit conditions against the contact's current data in one query; the
 * result lines up with `conditions`. A contact that no longer exists matches nothing.
 */
export async function evaluateConditions(prisma: PrismaClient, input: EvaluateConditionsInput): Promise<boolean[]> {
  const results = await testContactConditions(prisma, {
    workspaceId: input.workspaceId,
    contactId: input.contactId,
    conditions: input.conditions,
    ...(input.entryEvent && { event: input.entryEvent.properties }),
    now: new Date(),
  });
  return results ?? input.conditions.map(() => false);
}
