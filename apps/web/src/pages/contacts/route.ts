import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const contactsRoute: PageRoute = {
  path: 'contacts',
  Component: lazy(() => import('./ContactsPage')),
  nav: { label: 'Contacts', order: 24 },
};
