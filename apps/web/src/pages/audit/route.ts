import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const auditRoute: PageRoute = {
  path: 'audit',
  Component: lazy(() => import('./AuditPage')),
  nav: { label: 'Audit log', order: 85, adminOnly: true },
};
