/**
 * A function that reads its operations from a smaller module than the whole table
 * (console-operations.ts, to keep every schema out of its bundle) serves exactly the entries
 * OPERATIONS gives it: the table stays the one source of routes, roles and schemas.
 */
import { expect, test } from 'vitest';
import { OPERATIONS } from '../../../../shared/http/api-spec.ts';
import { CONSOLE_OPERATIONS } from '../../../../shared/http/console-operations.ts';
import { LIST_OPERATIONS } from '../../../../shared/http/list-operations.ts';
import { LETTER_OPERATIONS } from '../../../../shared/http/letter-operations.ts';
import { ADMIN_API_OPERATIONS } from '../../../../shared/http/admin-operations.ts';
import { OPERATION_SUMMARIES } from '../../../../shared/http/operation-summaries.ts';
import { FUNCTIONS, routeKey } from '../../../../shared/http/routes.ts';
import { routeKey as bareRouteKey } from '../../../../shared/http/route-key.ts';

test('the admin console serves exactly the operations OPERATIONS assigns to it, as the same entries', () => {
  const assigned = OPERATIONS.filter((op) => op.functionId === 'admin-console');
  expect(assigned.map((op) => op.operationId).sort()).toEqual(['admin-console', 'complaint-deadlines', 'webhook-state']);
  expect([...CONSOLE_OPERATIONS].sort((a, b) => a.operationId.localeCompare(b.operationId))).toEqual(assigned.sort((a, b) => a.operationId.localeCompare(b.operationId)));
  for (const op of CONSOLE_OPERATIONS) expect(OPERATIONS).toContain(op);
});

test("the reasons for a complaint's dates: the staff roles of the complaint's file", () => {
  const file = OPERATIONS.find((op) => op.operationId === 'get-complaint')!;
  const deadlines = OPERATIONS.find((op) => op.operationId === 'complaint-deadlines')!;
  expect(deadlines).toMatchObject({ method: 'GET', path: `${file.path}/deadlines`, access: 'admin', roles: file.roles });
});

test("the privacy operations are the privacy function's; every function with routes is in FUNCTIONS", () => {
  const privacy = OPERATIONS.filter((op) => op.functionId === 'admin-privacy')
    .map((op) => op.operationId)
    .sort();
  expect(privacy).toEqual(['erase-subject', 'export-subject', 'lift-legal-hold', 'list-audit', 'place-legal-hold']);
  const ids = new Set(FUNCTIONS.map((f) => f.id));
  for (const op of OPERATIONS) expect(ids.has(op.functionId), op.operationId).toBe(true);
});

test('routeKey is one function wherever it is imported from', () => {
  expect(routeKey).toBe(bareRouteKey);
  expect(routeKey({ method: 'GET', path: '/console' })).toBe('GET /console');
});

test('the lists, the letters and the admin API each serve exactly what OPERATIONS assigns to them, as the same entries', () => {
  for (const [functionId, own] of [
    ['admin-lists', LIST_OPERATIONS],
    ['admin-letters', LETTER_OPERATIONS],
    ['admin-api', ADMIN_API_OPERATIONS],
  ] as const) {
    const assigned = OPERATIONS.filter((op) => op.functionId === functionId);
    expect(new Set(own), functionId).toEqual(new Set(assigned));
    for (const op of own) expect(OPERATIONS).toContain(op);
  }
  expect(LIST_OPERATIONS.map((op) => op.operationId).sort()).toEqual([
    'calendar-feed',
    'calendar-feed-state',
    'create-calendar-feed',
    'create-measure',
    'dashboard',
    'export-complaints',
    'list-complaints',
    'list-measures',
    'revoke-calendar-feed',
    'update-measure',
  ]);
  expect(LETTER_OPERATIONS.map((op) => op.operationId).sort()).toEqual(['get-letter', 'list-letters', 'preview-step']);
  // The feed is public (its token authorises it); everything else of theirs is for staff.
  expect([...LIST_OPERATIONS, ...LETTER_OPERATIONS].filter((op) => op.access !== 'admin').map((op) => `${op.method} ${op.path}`)).toEqual(['GET /calendar/{token}']);
});

test("a complaint's letters: the staff roles of the complaint's file; a preview: the roles that take steps", () => {
  const file = OPERATIONS.find((op) => op.operationId === 'get-complaint')!;
  const step = OPERATIONS.find((op) => op.operationId === 'step-assign')!;
  expect(OPERATIONS.find((op) => op.operationId === 'list-letters')).toMatchObject({ path: `${file.path}/letters`, roles: file.roles });
  expect(OPERATIONS.find((op) => op.operationId === 'preview-step')).toMatchObject({ method: 'POST', path: `${file.path}/{step}/preview`, roles: step.roles });
});

test('every operation has its summary in the OpenAPI document', () => {
  for (const op of OPERATIONS) expect(OPERATION_SUMMARIES[op.operationId], op.operationId).toBeTruthy();
});
