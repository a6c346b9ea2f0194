/**
 * A function that reads its operations from a smaller module than the whole table
 * (console-operations.ts, to keep every schema out of its bundle) serves exactly the entries
 * OPERATIONS gives it: the table stays the one source of routes, roles and schemas.
 */
import { expect, test } from 'vitest';
import { OPERATIONS } from '../../../shared/http/api-spec.ts';
import { CONSOLE_OPERATIONS } from '../../../shared/http/console-operations.ts';
import { FUNCTIONS, routeKey } from '../../../shared/http/routes.ts';
import { routeKey as bareRouteKey } from '../../../shared/http/route-key.ts';

test('the admin console serves exactly the operations OPERATIONS assigns to it, as the same entries', () => {
  const assigned = OPERATIONS.filter((op) => op.functionId === 'admin-console');
  expect(assigned.map((op) => op.operationId).sort()).toEqual(['admin-console', 'complaint-deadlines']);
  expect([...CONSOLE_OPERATIONS].sort((a, b) => a.operationId.localeCompare(b.operationId))).toEqual(assigned.sort((a, b) => a.operationId.localeCompare(b.operationId)));
  for (const op of CONSOLE_OPERATIONS) expect(OPERATIONS).toContain(op);
});

test('the reasons for a complaint\'s dates: the staff roles of the complaint\'s file', () => {
  const file = OPERATIONS.find((op) => op.operationId === 'get-complaint')!;
  const deadlines = OPERATIONS.find((op) => op.operationId === 'complaint-deadlines')!;
  expect(deadlines).toMatchObject({ method: 'GET', path: `${file.path}/deadlines`, access: 'admin', roles: file.roles });
});

test('the privacy operations are the privacy function\'s; every function with routes is in FUNCTIONS', () => {
  const privacy = OPERATIONS.filter((op) => op.functionId === 'admin-privacy').map((op) => op.operationId).sort();
  expect(privacy).toEqual(['erase-subject', 'export-subject', 'lift-legal-hold', 'list-audit', 'place-legal-hold']);
  const ids = new Set(FUNCTIONS.map((f) => f.id));
  for (const op of OPERATIONS) expect(ids.has(op.functionId), op.operationId).toBe(true);
});

test('routeKey is one function wherever it is imported from', () => {
  expect(routeKey).toBe(bareRouteKey);
  expect(routeKey({ method: 'GET', path: '/console' })).toBe('GET /console');
});
