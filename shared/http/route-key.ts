/**
 * The route key API Gateway puts in `requestContext.routeKey`, e.g. `POST /complaints`. On its own
 * (routes.ts re-exports it) so a handler can key its operations without importing the whole table.
 */
export function routeKey(route: { method: string; path: string }): string {
  return `${route.method} ${route.path}`;
}
