/**
 * The dispatch of a function that serves several operations of the table (api-spec.ts): the
 * operation for the event's route key, for an admin operation the caller checked against its
 * roles (401/403, shared/http/auth-middleware.ts), then its route. Errors are thrown, for the
 * function's one error mapping (httpErrorHandler, or htmlPages for pages).
 *
 *   const dispatch = operationRouter(LETTER_OPERATIONS, {
 *     'list-letters': async (event, actor) => jsonResponse(200, ...),
 *   });
 *   export const handler = middy().use(...).use(httpErrorHandler()).handler(dispatch);
 */
import type { Principal } from '../auth/principal.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Actor } from '../domain/workflow/steps.ts';
import type { Operation } from './api-spec.ts';
import { operationGuards } from './auth-middleware.ts';
import type { HttpEvent, HttpResult } from './middleware.ts';
import { routeKey } from './route-key.ts';

export type RoutedEvent = HttpEvent & { principal?: Principal };

/** An operation's route: for an admin operation `actor` is the checked caller; for a public one it is undefined. */
export type OperationRoute = (event: RoutedEvent, actor: Actor, op: Operation) => HttpResult | Promise<HttpResult>;

/** A handler for these operations; every one must have its route (checked when the function starts). */
export function operationRouter(operations: readonly Operation[], routes: Readonly<Record<string, OperationRoute>>): (event: RoutedEvent) => Promise<HttpResult> {
  const byKey = new Map(operations.map((op) => [routeKey(op), op]));
  const missing = operations.filter((op) => !routes[op.operationId] && !(op.step && routes['(step)']));
  if (missing.length) throw new Error(`operationRouter: no route for ${missing.map((op) => op.operationId).join(', ')}`);
  const authenticate = operationGuards(byKey.values());
  return async (event) => {
    const op = byKey.get(event.routeKey);
    if (!op) throw new NotFoundError(`no route ${event.routeKey}`);
    const actor = op.access === 'admin' ? await authenticate(op, event) : (undefined as unknown as Actor);
    const route = (op.step ? routes['(step)'] : undefined) ?? routes[op.operationId]!;
    return route(event, actor, op);
  };
}
