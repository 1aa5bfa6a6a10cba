import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const tasksRoute: PageRoute = {
  path: 'tasks',
  Component: lazy(() => import('./TasksPage')),
  nav: { label: 'My tasks', order: 12 },
};
