import { accountRoute } from '../pages/account/route';
import { accountsRoute } from '../pages/accounts/route';
import { contactsRoute } from '../pages/contacts/route';
import { interactionsRoute } from '../pages/interactions/route';
import { tasksRoute } from '../pages/tasks/route';
import { adminRoute } from '../pages/admin/route';
import { alertsRoute } from '../pages/alerts/route';
import { auditRoute } from '../pages/audit/route';
import { captureReviewRoute, captureRoute } from '../pages/capture/route';
import { contactRoute } from '../pages/contact/route';
import { dashboardRoute } from '../pages/dashboard/route';
import { betaAccessRoute } from '../pages/grants/route';
import { identitiesRoute } from '../pages/identities/route';
import { overviewRoute } from '../pages/overview/route';
import { pilotRoute, pilotsRoute } from '../pages/pilots/route';
import { pipelineRoute } from '../pages/pipeline/route';
import type { PageRoute } from './page-route';

/** Every signed-in page. A new page: a folder under pages/ with a route.ts, listed here. */
export const pageRoutes: PageRoute[] = [
  overviewRoute,
  dashboardRoute,
  tasksRoute,
  pipelineRoute,
  accountsRoute,
  accountRoute,
  contactsRoute,
  contactRoute,
  interactionsRoute,
  pilotsRoute,
  pilotRoute,
  betaAccessRoute,
  alertsRoute,
  identitiesRoute,
  captureRoute,
  captureReviewRoute,
  auditRoute,
  adminRoute,
];

export function navEntries(isAdmin: boolean) {
  return pageRoutes
    .filter((route) => route.nav && (isAdmin || !route.nav.adminOnly))
    .map((route) => ({ to: `/${route.path.replace(/\/\*$/, '')}`, ...route.nav! }))
    .sort((a, b) => a.order - b.order);
}
