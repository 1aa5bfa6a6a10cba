import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const pilotsRoute: PageRoute = {
  path: 'pilots',
  Component: lazy(() => import('./PilotsPage')),
  nav: { label: 'Pilots', order: 30 },
};

export const pilotRoute: PageRoute = {
  path: 'pilots/:id',
  Component: lazy(() => import('./PilotPage')),
};
