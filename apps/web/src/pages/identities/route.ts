import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const identitiesRoute: PageRoute = {
  path: 'identities',
  Component: lazy(() => import('./IdentitiesPage')),
  nav: { label: 'Unmatched usage', order: 40 },
};
