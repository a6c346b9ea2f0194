/**
 * The one route table: the CDK HttpApi and the local gateway both build their routes from it,
 * so the deployed and local paths cannot drift apart.
 */
export type FunctionId = 'submit-complaint' | 'deadline-check' | 'outbox-drain';

export interface FunctionDefinition {
  id: FunctionId;
  /** Entry module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
}

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: /complaints/{reference}. */
  path: string;
  functionId: FunctionId;
  access: 'public' | 'admin';
}

export const FUNCTIONS: readonly FunctionDefinition[] = [
  { id: 'submit-complaint', entry: 'functions/submit-complaint.ts', description: 'Public complaint intake' },
  { id: 'deadline-check', entry: 'functions/deadline-check.ts', description: 'Target of every deadline schedule' },
  { id: 'outbox-drain', entry: 'functions/outbox-drain.ts', description: 'Delivers queued letters and schedules' },
];

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'POST', path: '/complaints', functionId: 'submit-complaint', access: 'public' },
];

/** The route key API Gateway puts in `requestContext.routeKey`, e.g. `POST /complaints`. */
export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
