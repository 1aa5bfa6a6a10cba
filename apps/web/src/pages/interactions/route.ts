import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const interactionsRoute: PageRoute = {
  path: 'interactions',
  Component: lazy(() => import('./InteractionsPage')),
  nav: { label: 'Interactions', order: 26 },
};
