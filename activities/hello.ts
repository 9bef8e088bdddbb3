import type { ActivityDeps } from './deps';

export function createHelloActivities(deps: ActivityDeps) {
  return {
    /** Reads the database so the hello workflow proves the worker reaches it. */
    async composeGreeting(name: string): Promise<string> {
      const workspaces = await deps.db.prisma.workspace.count();
      return `Hello, ${name}! The worker reached the ${deps.db.kind} database (${workspaces} workspace${workspaces === 1 ? '' : 's'}).`;
    },
  };
}
