/**
 * Auth: the staff user pool, its groups and admin-console client, the JWT authorizer admin routes
 * get, and its wiring into TenantStack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { Api } from '../../infra/constructs/api.ts';
import { Auth, type AuthProps } from '../../infra/constructs/auth.ts';
import { acknowledgementsUnder } from '../../infra/nag.ts';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { TenantStack } from '../../infra/tenant-stack.ts';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import { STAFF_ROLES } from '../../shared/auth/principal.ts';
import { ROUTES, routeKey, type RouteDefinition } from '../../shared/http/routes.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';
import { withoutCdkValidation } from '../support/cdk-validation.ts';

withoutCdkValidation();

type Json = Record<string, any>;

function authStack(props: Partial<AuthProps> = {}): { stack: Stack; auth: Auth; template: Template } {
  const stack = new Stack(new App(), 'test');
  const auth = new Auth(stack, 'Auth', { tenantId: 'demo', ...props });
  return { stack, auth, template: Template.fromStack(stack) };
}

function plainFunction(scope: Stack, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = async () => ({});'),
  });
}

const onlyLogicalId = (template: Template, type: string): string => {
  const ids = Object.keys(template.findResources(type));
  expect(ids, type).toHaveLength(1);
  return ids[0]!;
};

describe('Auth: the user pool', () => {
  test('no self sign-up, e-mail sign-in, required TOTP MFA (no SMS), strong passwords, recovery by e-mail', () => {
    const { template } = authStack();
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'klachten-demo',
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 5,
          TemporaryPasswordValidityDays: 3,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      UserPoolTier: 'PLUS',
      DeletionProtection: 'ACTIVE',
    });
  });

  test('no SMS: no SMS role, no SNS permissions', () => {
    const { template } = authStack();
    template.resourceCountIs('AWS::IAM::Role', 0);
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0] as Json;
    expect(pool.Properties.SmsConfiguration).toBeUndefined();
  });

  test('threat protection (Plus plan) enforced by default; audit-only on request', () => {
    authStack().template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    authStack({ threatProtection: 'audit-only' }).template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
  });

  test('retained and deletion-protected: removing the stack never removes the staff accounts', () => {
    authStack().template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('MFA can be made optional, and only then is the cdk-nag COG2 finding acknowledged, with its reason', () => {
    const optional = authStack({ mfa: 'optional' });
    optional.template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    const acknowledged = acknowledgementsUnder(optional.stack);
    expect(acknowledged.map((a) => [a.path, a.id])).toEqual([['test/Auth/UserPool', 'AwsSolutions-COG2']]);
    expect(acknowledged[0]!.reason).toMatch(/optional/);
    expect(acknowledgementsUnder(authStack().stack)).toEqual([]);
  });

  test('the invitation names the organisation', () => {
    authStack({ organisationName: 'Zorggroep De Linde' }).template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: true,
        InviteMessageTemplate: { EmailSubject: Match.stringLikeRegexp('Zorggroep De Linde'), EmailMessage: Match.stringLikeRegexp('\\{####\\}') },
      },
    });
  });
});

describe('Auth: groups and the admin console client', () => {
  test('one group per staff role, named exactly as the role', () => {
    const { template } = authStack();
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')) as Json[];
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual([...STAFF_ROLES].sort());
    const poolId = onlyLogicalId(template, 'AWS::Cognito::UserPool');
    for (const group of groups) {
      expect(group.Properties.UserPoolId).toEqual({ Ref: poolId });
      expect(group.Properties.Description).toBeTruthy();
    }
  });

  test('a public client (no secret), authorization code flow only, SRP only, short-lived tokens, revocable', () => {
    const { template } = authStack();
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'klachten-demo-admin-console',
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['http://localhost:3000/admin/callback'],
      LogoutURLs: ['http://localhost:3000/admin/'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      WriteAttributes: ['name'],
    });
  });

  test('callback and logout URLs from props', () => {
    authStack({ callbackUrls: ['https://klachten.example.nl/admin/callback', 'http://localhost:5173/callback'], logoutUrls: ['https://klachten.example.nl/admin/'] }).template.hasResourceProperties(
      'AWS::Cognito::UserPoolClient',
      {
        CallbackURLs: ['https://klachten.example.nl/admin/callback', 'http://localhost:5173/callback'],
        LogoutURLs: ['https://klachten.example.nl/admin/'],
      },
    );
  });

  test('a hosted-UI domain only when a prefix is given', () => {
    authStack().template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    authStack({ domainPrefix: 'klachten-demo', callbackUrls: ['https://klachten.example.nl/console'] }).template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'klachten-demo' });
  });

  test("a hosted-UI domain needs the console's own URLs: no localhost default behind a live sign-in page", () => {
    expect(() => authStack({ domainPrefix: 'klachten-demo' })).toThrow(/needs the console's own URLs as callbackUrls: set -c consoleUrls\.demo/);
    authStack({ domainPrefix: 'klachten-demo', callbackUrls: ['https://klachten.example.nl/console'] }).template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://klachten.example.nl/console'],
      LogoutURLs: ['https://klachten.example.nl/console'],
    });
  });

  test('refuses plain-http callbacks off localhost, fragments, empty lists and bad domain prefixes', () => {
    expect(() => authStack({ callbackUrls: ['http://klachten.example.nl/cb'] })).toThrow(/must use https/);
    expect(() => authStack({ logoutUrls: ['https://klachten.example.nl/#/out'] })).toThrow(/fragment/);
    expect(() => authStack({ callbackUrls: [] })).toThrow(/at least one URL/);
    expect(() => authStack({ callbackUrls: ['not a url'] })).toThrow(/not a URL/);
    expect(() => authStack({ domainPrefix: 'Klachten_Demo' })).toThrow(/lowercase letters/);
    expect(() => authStack({ domainPrefix: '-demo' })).toThrow(/lowercase letters/);
    expect(() => authStack({ domainPrefix: 'klachten-cognito' })).toThrow(/must not contain/);
  });
});

describe('Auth: the JWT authorizer and the functions', () => {
  const route = (overrides: Partial<RouteDefinition> = {}): RouteDefinition => ({ method: 'POST', path: '/complaints', functionId: 'submit-complaint', access: 'public', ...overrides });

  test('admin routes get a JWT authorizer on this pool and this client; public routes stay open', () => {
    const stack = new Stack(new App(), 'test');
    const auth = new Auth(stack, 'Auth', { tenantId: 'demo' });
    const fn = plainFunction(stack, 'Fn');
    // ROUTES may not hold an admin route yet: a fake one, only here.
    const adminRoute = route({ method: 'GET', path: '/complaints/{reference}', access: 'admin' });
    new Api(stack, 'Api', { tenantId: 'demo', routes: [route(), adminRoute], handlerFor: () => fn, adminAuthorizer: auth.adminAuthorizer });
    const template = Template.fromStack(stack);

    const poolId = onlyLogicalId(template, 'AWS::Cognito::UserPool');
    const clientId = onlyLogicalId(template, 'AWS::Cognito::UserPoolClient');
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      Name: 'klachten-demo-staff',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: poolId }]] },
      },
    });
    const authorizerId = onlyLogicalId(template, 'AWS::ApiGatewayV2::Authorizer');
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey(adminRoute), AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /complaints', AuthorizationType: 'NONE' });
  });

  test('bindConfiguration gives a function the issuer and audience the authorizer checks', () => {
    const stack = new Stack(new App(), 'test');
    const auth = new Auth(stack, 'Auth', { tenantId: 'demo' });
    const fn = plainFunction(stack, 'Fn');
    auth.bindConfiguration(fn);
    const template = Template.fromStack(stack);
    const authorizer = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer).toHaveLength(0); // not bound to an API here
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          JWT_ISSUER: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: onlyLogicalId(template, 'AWS::Cognito::UserPool') }]] },
          JWT_AUDIENCE: { Ref: onlyLogicalId(template, 'AWS::Cognito::UserPoolClient') },
        },
      },
    });
  });
});

describe('TenantStack wiring', () => {
  let template: Template;
  let organisation: string;

  beforeAll(async () => {
    const regulation = await loadRegulationFile(join(PROJECT_ROOT, 'tenants/demo.yaml'));
    organisation = regulation.organisation.name;
    const context = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
    // No bundling: this test is about wiring, tests/infra/tenant-stack.test.ts bundles.
    const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const stack = new TenantStack(app, 'klachten-demo', {
      regulations: singleVersion(regulation),
      auth: { domainPrefix: 'klachten-demo', callbackUrls: ['https://klachten.example.nl/admin/callback'] },
    });
    template = Template.fromStack(stack);
  });

  test('one user pool per tenant stack, with the props passed through', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0] as Json;
    expect(pool.Properties.UserPoolName).toBe('klachten-demo');
    expect(pool.Properties.AdminCreateUserConfig.InviteMessageTemplate.EmailSubject).toContain(organisation);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: ['https://klachten.example.nl/admin/callback'] });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'klachten-demo' });
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', STAFF_ROLES.length);
  });

  test('the console signs in through the hosted UI and loads its script from this API', () => {
    const adminConsole = (Object.values(template.findResources('AWS::Lambda::Function')) as Json[]).find((fn) => fn.Properties.FunctionName === 'klachten-demo-admin-console')!;
    expect(adminConsole.Properties.Environment.Variables.CONSOLE_SCRIPT_URL).toBe('/static/console.js');
    expect(JSON.stringify(adminConsole.Properties.Environment.Variables.CONSOLE_AUTH_DOMAIN)).toContain('.auth.');
    expect(JSON.stringify(adminConsole.Properties.Environment.Variables.CONSOLE_AUTH_DOMAIN)).toContain('amazoncognito.com');
  });

  test('every function gets JWT_ISSUER and JWT_AUDIENCE', () => {
    const clientId = onlyLogicalId(template, 'AWS::Cognito::UserPoolClient');
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Json[];
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables.JWT_AUDIENCE, fn.Properties.FunctionName).toEqual({ Ref: clientId });
      expect(JSON.stringify(fn.Properties.Environment.Variables.JWT_ISSUER)).toContain('https://cognito-idp.');
    }
  });

  test('the Api gets the authorizer: every admin route in ROUTES is JWT-authorized, every public one open', () => {
    for (const route of ROUTES) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(route),
        AuthorizationType: route.access === 'admin' ? 'JWT' : 'NONE',
      });
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', ROUTES.some((r) => r.access === 'admin') ? 1 : 0);
  });

  test('outputs: pool id, admin client id, issuer, hosted-UI URL', () => {
    const outputs = Object.keys(template.toJSON().Outputs as Json);
    for (const name of ['UserPoolId', 'AdminClientId', 'Issuer', 'HostedUiUrl']) expect(outputs, name).toContain(name);
  });
});
