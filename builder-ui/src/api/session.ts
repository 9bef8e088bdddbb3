import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, rememberCsrfToken } from './client';
import { ApiProblem, dataOf } from './errors';
import type { components, paths } from './schema';

export type Session = paths['/v1/session']['get']['responses']['200']['content']['application/json'];
export type WorkspaceChoice = Session['workspaces'][number];
type SignInBody = NonNullable<paths['/v1/session']['post']['requestBody']>['content']['application/json'];
export type { components };

export const SESSION_KEY = ['session'] as const;

/** The signed-in person and workspace; `null` when nobody is signed in (401). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      // Asked first, so a signed-out visit is not an error status in the browser's console.
      const { signedIn } = dataOf(await api.GET('/v1/session/state'));
      if (!signedIn) {
        rememberCsrfToken(undefined);
        return null;
      }
      const result = await api.GET('/v1/session');
      if (result.response.status === 401) {
        rememberCsrfToken(undefined);
        return null;
      }
      const session = dataOf(result);
      rememberCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 60_000,
  });
}

function useSessionWrite<Input>(write: (input: Input) => Promise<Session | null>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (session) => {
      rememberCsrfToken(session?.csrfToken);
      client.clear();
      client.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useSignIn() {
  return useSessionWrite(async (body: SignInBody) => dataOf(await api.POST('/v1/session', { body })));
}

export function useSignOut() {
  return useSessionWrite(async (_: void) => {
    const result = await api.DELETE('/v1/session');
    if (!result.response.ok && result.response.status !== 401) throw new ApiProblem(result.response.status, 'SIGN_OUT_FAILED', 'Signing out failed; try again.');
    return null;
  });
}

export function useSwitchWorkspace() {
  return useSessionWrite(async (workspaceId: string) => dataOf(await api.PUT('/v1/session/workspace', { body: { workspaceId } })));
}
