import { createBrowserRouter, Navigate } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage';
import { JourneysPage } from '../features/journeys/list/JourneysPage';
import { NotFoundPage } from './NotFoundPage';
import { RequireSession } from './RequireSession';
import { Shell } from './Shell';

// Every page has a URL: a journey is /journeys/:id, its selected node ?node=<id>.
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    // Shown while a lazily loaded page (the canvas) arrives on a direct visit to its URL.
    hydrateFallbackElement: <p className="page-status" role="status">Loading…</p>,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <Navigate to="/journeys" replace /> },
          { path: 'journeys', element: <JourneysPage /> },
          // The canvas (React Flow, the form library, the compiler) loads only when a journey opens.
          { path: 'journeys/:journeyId', lazy: async () => ({ Component: (await import('../features/journeys/canvas/JourneyEditorPage')).JourneyEditorPage }) },
          { path: 'journeys/:journeyId/versions/:version', lazy: async () => ({ Component: (await import('../features/journeys/canvas/VersionPage')).VersionPage }) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
