import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const betaAccessRoute: PageRoute = {
  path: 'beta-access',
  Component: lazy(() => import('./BetaAccessPage')),
  nav: { label: 'Beta access', order: 32 },
};
