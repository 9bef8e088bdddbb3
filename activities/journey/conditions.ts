import { evaluateCondition } from '../../engine/journey/conditions';
import type { PrismaClient } from '../../prisma/generated/client';
import { loadFacts } from './facts';
import type { EvaluateConditionsInput } from './types';

/**
 * Evaluates conditions against the contact's current data in one read; the result lines up
 * with `conditions`. A contact that no longer exists matches nothing.
 */
export async function evaluateConditions(prisma: PrismaClient, input: EvaluateConditionsInput): Promise<boolean[]> {
  const facts = await loadFacts(prisma, input.workspaceId, input.contactId, input.entryEvent);
  return input.conditions.map((condition) => (facts ? evaluateCondition(condition, facts) : false));
}
