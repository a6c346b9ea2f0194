/**
 * Auth: the tenant's staff directory. A Cognito user pool per tenant (administrators create the
 * users: no self sign-up), one group per staff role (the token's `cognito:groups` are the roles,
 * shared/auth/principal.ts), an app client for the admin console (public, authorization code
 * flow; the console uses PKCE), optionally a hosted-UI domain, and the HTTP API JWT authorizer
 * every admin route gets.
 *
 * The functions verify the token again (shared/http/auth-middleware.ts): `bindConfiguration`
 * gives them JWT_ISSUER and JWT_AUDIENCE, the same values the authorizer checks.
 *
 * The pool is retained and deletion-protected: removing the stack never removes the staff
 * accounts (delete the pool by hand after turning deletion protection off).
 *
 * Security choices (cdk-nag COG2, COG8). Staff accounts open every complaint, with health and
 * employment details in them, so by default:
 * - MFA is required (TOTP apps; no SMS): each user enrols at first sign-in through the hosted UI;
 * - the Plus feature plan, with standard threat protection enforced: sign-ins with credentials
 *   known to be leaked are blocked, and risky sign-ins are challenged or blocked. It costs
 *   $0.02 per monthly active user where Essentials is free for the first 10,000: for a complaints
 *   team of a few people, cents a month (docs/deploy.md, costs).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { STAFF_ROLES, type StaffRole } from '../../shared/auth/principal.ts';
import { acknowledgeFinding } from '../nag.ts';

/** What each staff role's group is for (the group's description in the console). */
export const ROLE_DESCRIPTIONS: Readonly<Record<StaffRole, string>> = {
  coordinator: 'Complaints coordinator: registers, assigns and follows up every complaint',
  handler: 'Complaint handler: investigates and acts on the complaints assigned to them',
  'complaints-officer': 'Complaints officer: handles complaints and objections, advises on procedure',
  director: 'Director: decides on escalations, rulings and objections that need sign-off',
  auditor: 'Auditor: reads complaints, trail and reports; changes nothing',
};

export const DEFAULT_CALLBACK_URLS: readonly string[] = ['http://localhost:3000/admin/callback'];
export const DEFAULT_LOGOUT_URLS: readonly string[] = ['http://localhost:3000/admin/'];

export interface AuthProps {
  /** The tenant id; names the pool `klachten-<tenant>` and the authorizer. */
  readonly tenantId: string;
  /**
   * The organisation's name, in the invitation e-mail.
   * @default the tenant id
   */
  readonly organisationName?: string;
  /**
   * Where the hosted UI may send the admin console back to after sign-in: https, or http only
   * for localhost. Required with `domainPrefix` (the synth is refused without it).
   * @default DEFAULT_CALLBACK_URLS (a console on this machine, http://localhost:3000/admin/callback), only without a hosted-UI domain
   */
  readonly callbackUrls?: readonly string[];
  /**
   * Where it may send the console after sign-out; same rules.
   * @default DEFAULT_LOGOUT_URLS (http://localhost:3000/admin/), only without a hosted-UI domain
   */
  readonly logoutUrls?: readonly string[];
  /**
   * A Cognito hosted-UI domain: `https://<prefix>.auth.<region>.amazoncognito.com`. Lowercase
   * letters, digits and dashes, globally unique, without "aws", "amazon" or "cognito".
   * @default no hosted-UI domain (add one, or a custom domain, before staff sign in through it)
   */
  readonly domainPrefix?: string;
  /**
   * Multi-factor authentication (TOTP apps; no SMS). 'required' makes every user enrol at first
   * sign-in; 'optional' lets each user choose (and is recorded as an acknowledged cdk-nag COG2
   * finding, with this prop as its reason).
   * @default 'required'
   */
  readonly mfa?: 'optional' | 'required';
  /**
   * Standard threat protection (Plus feature plan): 'enforced' blocks sign-ins with leaked
   * credentials and acts on risky ones; 'audit-only' records the risk in the user pool's
   * metrics and event history and blocks nothing (to watch first, e.g. when moving staff in).
   * @default 'enforced'
   */
  readonly threatProtection?: 'enforced' | 'audit-only';
}

export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly adminClient: cognito.UserPoolClient;
  readonly groups: Readonly<Record<StaffRole, cognito.UserPoolGroup>>;
  readonly domain?: cognito.UserPoolDomain;
  /** The `iss` of the pool's tokens: `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuer: string;
  /** The JWT authorizer for admin routes: this pool's tokens, for the admin console client. */
  readonly adminAuthorizer: apigw.IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    // A hosted sign-in domain makes the callbacks live: it must send staff back to the deployed
    // console, never to whatever listens on a machine's localhost. Without a domain there is no
    // sign-in page to send anyone anywhere, and the localhost defaults are inert (a plain synth).
    if (props.domainPrefix !== undefined) checkDomainPrefix(props.domainPrefix);
    if (props.domainPrefix !== undefined && props.callbackUrls === undefined) {
      throw new Error(
        `Auth: a hosted sign-in domain (domainPrefix "${props.domainPrefix}") needs the console's own URLs as callbackUrls: set -c consoleUrls.${props.tenantId}=https://<host>/console, or -c apiDomain.${props.tenantId} (whose /console is then used); see docs/deploy.md`,
      );
    }
    const callbackUrls = [...(props.callbackUrls ?? DEFAULT_CALLBACK_URLS)];
    // With a domain, sign-out returns to the same console unless told otherwise.
    const logoutUrls = [...(props.logoutUrls ?? (props.domainPrefix !== undefined ? callbackUrls : DEFAULT_LOGOUT_URLS))];
    checkUrls('callbackUrls', callbackUrls);
    checkUrls('logoutUrls', logoutUrls);
    const organisation = props.organisationName ?? props.tenantId;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `klachten-${props.tenantId}`,
      // Staff accounts are made by an administrator (docs/deploy.md, "Staff users").
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed e-mail address takes effect only once the new one is verified.
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      mfa: props.mfa === 'optional' ? cognito.Mfa.OPTIONAL : cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 5,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, adaptive authentication), see above.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: props.threatProtection === 'audit-only' ? cognito.StandardThreatProtectionMode.AUDIT_ONLY : cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: `Uw account voor het klachtenregister van ${organisation}`,
        emailBody: `U hebt een account voor het klachtenregister van ${organisation}. Gebruikersnaam: {username}. Tijdelijk wachtwoord: {####} (drie dagen geldig; u kiest bij de eerste aanmelding een eigen wachtwoord).`,
      },
      userVerification: {
        emailSubject: `Bevestig uw e-mailadres voor het klachtenregister van ${organisation}`,
        emailBody: 'Uw verificatiecode is {####}.',
        emailStyle: cognito.VerificationEmailStyle.CODE,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    if (props.mfa === 'optional') {
      acknowledgeFinding(
        this.userPool,
        'AwsSolutions-COG2',
        `MFA is optional for tenant ${props.tenantId} because its deployment sets auth.mfa to 'optional' ` +
          '(each staff member may still enrol a TOTP app); the default, required, applies to every other tenant.',
      );
    }

    const groups = {} as Record<StaffRole, cognito.UserPoolGroup>;
    for (const role of STAFF_ROLES) {
      groups[role] = this.userPool.addGroup(`Group-${role}`, { groupName: role, description: ROLE_DESCRIPTIONS[role] });
    }
    this.groups = groups;

    this.adminClient = this.userPool.addClient('AdminConsole', {
      userPoolClientName: `klachten-${props.tenantId}-admin-console`,
      // A browser app cannot keep a secret: a public client, authorization code flow with PKCE.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day; then staff sign in again.
      refreshTokenValidity: Duration.hours(12),
      // Staff may change their name, not their e-mail address or anything else, through the console.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    if (props.domainPrefix !== undefined) {
      this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix } });
      new CfnOutput(this, 'HostedUiUrl', { value: this.domain.baseUrl(), description: 'Hosted sign-in for the admin console' }).overrideLogicalId('HostedUiUrl');
    }

    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.adminAuthorizer = new HttpJwtAuthorizer('AdminJwtAuthorizer', this.issuer, {
      authorizerName: `klachten-${props.tenantId}-staff`,
      jwtAudience: [this.adminClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Staff user pool (retained when the stack is deleted)' }).overrideLogicalId('UserPoolId');
    new CfnOutput(this, 'AdminClientId', { value: this.adminClient.userPoolClientId, description: 'App client of the admin console' }).overrideLogicalId('AdminClientId');
    new CfnOutput(this, 'Issuer', { value: this.issuer, description: 'Issuer of staff tokens (JWT_ISSUER)' }).overrideLogicalId('Issuer');
  }

  /** Sets JWT_ISSUER and JWT_AUDIENCE, which requireStaff() verifies tokens with. No IAM needed: the JWKS is public. */
  bindConfiguration(fn: lambda.Function): void {
    fn.addEnvironment('JWT_ISSUER', this.issuer);
    fn.addEnvironment('JWT_AUDIENCE', this.adminClient.userPoolClientId);
  }
}

/** https anywhere; plain http only for localhost (Cognito's own rule), no fragments. */
function checkUrls(prop: string, urls: readonly string[]): void {
  if (urls.length === 0) throw new Error(`Auth: ${prop} must name at least one URL`);
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`Auth: ${prop}: "${url}" is not a URL`);
    }
    const local = parsed.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !local) throw new Error(`Auth: ${prop}: "${url}" must use https (plain http only for localhost)`);
    if (parsed.hash) throw new Error(`Auth: ${prop}: "${url}" must not have a fragment`);
  }
}

function checkDomainPrefix(prefix: string): void {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix)) {
    throw new Error(`Auth: domainPrefix "${prefix}" must be 1-63 lowercase letters, digits and dashes, not starting or ending with a dash`);
  }
  if (/aws|amazon|cognito/.test(prefix)) throw new Error(`Auth: domainPrefix "${prefix}" must not contain "aws", "amazon" or "cognito" (Cognito refuses them)`);
}
