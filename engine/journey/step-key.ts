/**
 * The key every side effect of a journey step carries: the same on each retry and after
 * continue-as-new (activity ids restart per run, so they cannot serve). Here, in the pure journey
 * language, because the interpreter derives it for most steps and the activity that enters a
 * contact with its first action derives it from the enrollment it has just begun.
 */
export function stepIdempotencyKey(enrollmentId: string, nodeId: string, step: number): string {
  return `${enrollmentId}:${nodeId}:${step}`;
}
