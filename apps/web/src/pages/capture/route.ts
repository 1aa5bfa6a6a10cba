import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const captureRoute: PageRoute = {
  path: 'capture',
  Component: lazy(() => import('./CaptureSettingsPage')),
  nav: { label: 'Capture', order: 44 },
};

export const captureReviewRoute: PageRoute = {
  path: 'capture-review',
  Component: lazy(() => import('./CaptureReviewPage')),
  nav: { label: 'Capture review', order: 45 },
};
