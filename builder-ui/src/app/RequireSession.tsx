import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../api/session';
import { ErrorMessage } from '../components/ErrorMessage';

/** Pages behind sign-in: without a session, the sign-in page, coming back here afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <p className="page-status" role="status">Loading…</p>;
  if (session.isError) return <main className="page"><ErrorMessage error={session.error} /></main>;
  if (session.data === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
