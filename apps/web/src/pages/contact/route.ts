import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const contactRoute: PageRoute = {
  path: 'contacts/:id',
  Component: lazy(() => import('./ContactPage')),
};
