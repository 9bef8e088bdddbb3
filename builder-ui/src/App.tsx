import { HealthPill } from './HealthPill';
import { SampleJourney } from './SampleJourney';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Journey Engine</h1>
        <nav>
          <a href="/docs">API docs</a>
        </nav>
        <HealthPill />
      </header>
      <main className="canvas">
        <SampleJourney />
      </main>
    </div>
  );
}
