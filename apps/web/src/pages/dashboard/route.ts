import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const dashboardRoute: PageRoute = {
  path: 'dashboard',
  Component: lazy(() => import('./DashboardPage')),
  nav: { label: 'Dashboard', order: 15 },
};
