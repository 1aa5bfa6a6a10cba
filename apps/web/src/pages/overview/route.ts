import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const overviewRoute: PageRoute = {
  path: '',
  Component: lazy(() => import('./OverviewPage')),
  nav: { label: 'Overview', order: 10 },
};
