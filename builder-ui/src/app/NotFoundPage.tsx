import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing here. <Link to="/journeys">Back to journeys</Link>
      </p>
    </main>
  );
}
