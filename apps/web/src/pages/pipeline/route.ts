import { lazy } from 'react';
import type { PageRoute } from '../../app/page-route';

export const pipelineRoute: PageRoute = {
  path: 'pipeline',
  Component: lazy(() => import('./PipelinePage')),
  nav: { label: 'Pipeline', order: 20 },
};
