import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useSession, useSignIn } from '../../api/session';
import { ErrorMessage } from '../../components/ErrorMessage';

/** Only same-site paths: `next` comes from the URL, so it must not send anyone elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/journeys';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const session = useSession();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));
  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };
  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit}>
        <h1>Sign in to Journey Engine</h1>
        <label>
          Email
          <input type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {signIn.isError && <ErrorMessage error={signIn.error} />}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">New here? The engine prints a link to create the owner account when it first starts; ask an admin for an invitation otherwise.</p>
      </form>
    </main>
  );
}
