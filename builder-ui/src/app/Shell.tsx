import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession, useSignOut, useSwitchWorkspace } from '../api/session';
import { ErrorMessage } from '../components/ErrorMessage';

/** The frame around every signed-in page: navigation (pages that exist only), workspace, person. */
export function Shell() {
  const { data: session } = useSession();
  const switchWorkspace = useSwitchWorkspace();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (!session) return null;
  return (
    <div className="shell">
      <header className="shell-header">
        <a className="brand" href="/journeys">
          Journey Engine
        </a>
        <nav aria-label="Main">
          <NavLink to="/journeys">Journeys</NavLink>
          <a href="/docs">API docs</a>
        </nav>
        <div className="shell-account">
          <label className="workspace-switcher">
            <span>Workspace</span>
            <select
              value={session.workspace?.id ?? ''}
              disabled={switchWorkspace.isPending || session.workspaces.length < 2}
              onChange={(event) => switchWorkspace.mutate(event.target.value, { onSuccess: () => navigate('/journeys') })}
            >
              {session.workspaces.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspace.name} ({workspace.role})
                </option>
              ))}
            </select>
          </label>
          <span className="person" title={session.user.email}>
            {session.user.name || session.user.email}
          </span>
          <button type="button" className="link-button" onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in') })}>
            Sign out
          </button>
        </div>
      </header>
      {switchWorkspace.isError && <ErrorMessage error={switchWorkspace.error} />}
      <Outlet />
    </div>
  );
}
