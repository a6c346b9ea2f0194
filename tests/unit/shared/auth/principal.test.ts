/** Staff roles from the token's groups; who may write. */
import { describe, expect, test } from 'vitest';
import { canWrite, hasRole, isStaffRole, principalFromClaims, STAFF_ROLES, WRITE_ROLES } from '../../../../shared/auth/principal.ts';

describe('principalFromClaims', () => {
  test('maps subject, email, name, staff roles and the tenant', () => {
    const principal = principalFromClaims({ sub: 'u-1', email: 'officer@demo.example', name: 'Olga', 'cognito:groups': ['complaints-officer'] }, 'demo');
    expect(principal).toEqual({ subject: 'u-1', email: 'officer@demo.example', name: 'Olga', roles: ['complaints-officer'], tenantId: 'demo' });
  });

  test('ignores groups that are not staff roles, keeps STAFF_ROLES order, drops duplicates', () => {
    const principal = principalFromClaims({ sub: 'u-2', 'cognito:groups': ['auditor', 'eu-west-1_Pool_Google', 'Coordinator', 'handler', 'auditor'] }, 'demo');
    expect(principal.roles).toEqual(['handler', 'auditor']);
  });

  test('no groups, or groups that are not a list, give no roles; absent email and name stay absent', () => {
    expect(principalFromClaims({ sub: 'u-3' }, 'demo')).toEqual({ subject: 'u-3', roles: [], tenantId: 'demo' });
    expect(principalFromClaims({ sub: 'u-3', 'cognito:groups': 'coordinator', email: 42, name: '' }, 'demo')).toEqual({ subject: 'u-3', roles: [], tenantId: 'demo' });
  });
});

describe('roles', () => {
  test('the five staff roles, the Cognito group names', () => {
    expect(STAFF_ROLES).toEqual(['coordinator', 'handler', 'complaints-officer', 'director', 'auditor']);
    expect(isStaffRole('director')).toBe(true);
    expect(isStaffRole('admin')).toBe(false);
    expect(isStaffRole(undefined)).toBe(false);
  });

  test('hasRole: any one of the given roles', () => {
    expect(hasRole({ roles: ['handler'] }, 'coordinator', 'handler')).toBe(true);
    expect(hasRole({ roles: ['handler'] }, 'director')).toBe(false);
    expect(hasRole({ roles: [] }, ...STAFF_ROLES)).toBe(false);
    expect(hasRole({ roles: ['director'] })).toBe(false);
  });

  test('canWrite: every staff role but auditor; an auditor who is also a handler may write', () => {
    for (const role of WRITE_ROLES) expect(canWrite({ roles: [role] }), role).toBe(true);
    expect(WRITE_ROLES).not.toContain('auditor');
    expect(canWrite({ roles: ['auditor'] })).toBe(false);
    expect(canWrite({ roles: [] })).toBe(false);
    expect(canWrite({ roles: ['auditor', 'handler'] })).toBe(true);
  });
});
