import { QueryClient } from '@tanstack/react-query';
import { onSignedOut } from '../api/client';
import { ApiProblem } from '../api/errors';
import { SESSION_KEY } from '../api/session';

/** Refusals (4xx) are answers, not outages: only network failures and 5xx are retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => failures < 2 && !(error instanceof ApiProblem && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

// A 401 anywhere means the session ended: forget it, and the pages behind sign-in send the
// person to the sign-in page (coming back to where they were afterwards).
onSignedOut(() => queryClient.setQueryData(SESSION_KEY, null));
