import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const accountsRoute: PageRoute = {
  path: 'accounts',
  Component: lazy(() => import('./AccountsPage')),
  nav: { label: 'Accounts', order: 22 },
};
