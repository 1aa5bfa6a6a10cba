import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const accountRoute: PageRoute = {
  path: 'accounts/:id',
  Component: lazy(() => import('./AccountPage')),
};
