import type { ComponentType } from 'react';

/** What each page folder exports from its `route.ts`: where it lives and, optionally, its nav entry. */
export interface PageRoute {
  /** React Router path, relative to the app root (`accounts/:id`); '' for the home page. */
  path: string;
  Component: ComponentType;
  nav?: {
    label: string;
    /** Position in the side navigation, lowest first. */
    order: number;
    adminOnly?: boolean;
    /** Shown after the label, e.g. a count of things waiting. */
    Badge?: ComponentType;
  };
}
