import { METHODS } from 'node:http';
import { TestApp } from './test-app';

export interface RestRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every route the running Express router holds, nothing listed by hand. Nest mounts middleware as
 * routes of every method on every path; those are not endpoints and are left out.
 */
export function restRoutes(api: TestApp): RestRoute[] {
  const stack = (api.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router.stack;
  return stack.flatMap(({ route }) => {
    if (!route) return [];
    const methods = Object.keys(route.methods);
    if (route.path === '{/*splat}' && methods.length === METHODS.length) return [];
    return methods.map((method) => ({ method: method.toUpperCase(), path: route.path }));
  });
}
