import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const adminRoute: PageRoute = {
  path: 'admin/*',
  Component: lazy(() => import('./AdminPage')),
  nav: { label: 'Admin', order: 90, adminOnly: true },
};
