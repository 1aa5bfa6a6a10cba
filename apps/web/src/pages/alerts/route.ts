import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';
import { AlertCountBadge } from './AlertCountBadge';

export const alertsRoute: PageRoute = {
  path: 'alerts',
  Component: lazy(() => import('./AlertsPage')),
  nav: { label: 'Alerts', order: 35, Badge: AlertCountBadge },
};
