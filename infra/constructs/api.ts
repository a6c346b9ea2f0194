/**
 * Api: the tenant's HTTP API, its routes built from the shared route table (the same table the
 * local gateway serves), one Lambda integration per route, on a $default stage that is throttled
 * and writes a JSON access log (without the status token: it logs the route, not the path).
 *
 * Admin routes are never open: a route with access 'admin' needs `adminAuthorizer` (the Cognito
 * JWT authorizer); without one, synth fails. Public routes say so explicitly (HttpNoneAuthorizer),
 * so adding a default authorizer later cannot silently change them, and each has its written
 * reason in PUBLIC_ROUTE_REASONS (the acknowledged cdk-nag APIG4 finding): a new public route
 * fails the synth until someone writes down why it may be open.
 *
 * CORS only for the tenant's own web origins (`webOrigins`); none by default. A custom domain
 * (`domain`) maps the API to e.g. https://klachten.example.nl with the tenant's ACM certificate.
 *
 * Besides the stage's throttle (all routes together), the public routes that write or look a
 * secret up have a tighter throttle of their own (`routeThrottles`, DEFAULT_ROUTE_THROTTLES): a
 * flood of complaint posts cannot use up what staff and status pages need. Behind the edge
 * (infra/constructs/edge.ts) the execute-api endpoint is disabled (`disableExecuteApiEndpoint`):
 * the API then answers only on its custom domain, CloudFront's origin, and the public URL
 * (`publicBaseUrl`, the edge's domain) is where status links point.
 */
import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionId, type RouteDefinition, routeKey } from '../../shared/http/routes.ts';
import { acknowledgeFinding } from '../nag.ts';

export interface ApiThrottle {
  /** Steady-state requests per second across the stage. */
  readonly rateLimit: number;
  /** Requests allowed in a burst. */
  readonly burstLimit: number;
}

export interface ApiProps {
  /** The tenant id; names the API `klachten-<tenant>`. */
  readonly tenantId: string;
  /** The routes to serve: ROUTES from shared/http/routes.ts. */
  readonly routes: readonly RouteDefinition[];
  /** The function behind a route's functionId. */
  readonly handlerFor: (functionId: FunctionId) => lambda.IFunction;
  /**
   * The authorizer every 'admin' route gets (a JWT authorizer on the tenant's user pool).
   * @default none: any 'admin' route makes the construct throw
   */
  readonly adminAuthorizer?: apigw.IHttpRouteAuthorizer;
  /**
   * Throttling of the $default stage (all routes together). One organisation's complaints are
   * a trickle; the limit caps what a flood of requests can cost.
   * @default { rateLimit: 10, burstLimit: 20 }
   */
  readonly throttle?: ApiThrottle;
  /**
   * The tenant's own web origins (the hosted form, status page and admin console), allowed to
   * call the API from a browser: `https://host[:port]`, or `http://localhost:<port>` for
   * development. No wildcards.
   * @default none: no CORS (same-origin and server-to-server callers only)
   */
  readonly webOrigins?: readonly string[];
  /**
   * How long the access log is kept. It holds client IP addresses, so not longer than needed to
   * investigate abuse.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * A custom domain for the API: the name, and an ACM certificate for it in the stack's region.
   * Point a CNAME (or Route 53 alias) from the name to the output CustomDomainTarget.
   * @default none: the execute-api URL only
   */
  readonly domain?: ApiDomain;
  /**
   * Throttles of single routes, by route key (`POST /complaints`), on top of the stage's. A key
   * that is not one of `routes` is refused.
   * @default DEFAULT_ROUTE_THROTTLES (the public writes and the secret lookups)
   */
  readonly routeThrottles?: Readonly<Record<string, ApiThrottle>>;
  /**
   * Disable the `https://<id>.execute-api.<region>.amazonaws.com` endpoint, so the API answers
   * only on its custom domain (`domain`, required then): the edge's origin.
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * The URL the public reaches the API at, ending in `/` (the edge's domain, in front of the
   * custom domain): status links and the ApiUrl output use it.
   * @default the custom domain's URL, else the execute-api URL
   */
  readonly publicBaseUrl?: string;
}

export interface ApiDomain {
  /** e.g. `klachten.voorbeeld.nl` */
  readonly domainName: string;
  /** ARN of an issued ACM certificate covering domainName, in the stack's region. */
  readonly certificateArn: string;
}

export const DEFAULT_API_THROTTLE: ApiThrottle = { rateLimit: 10, burstLimit: 20 };

/**
 * Per-route throttles (requests per second over every client together, and the burst): the
 * public intake and the status link's actions at 2/s (a day's complaints of a large organisation
 * come in minutes apart), the status link's reads and the calendar feed at 5/s. Every other route
 * shares the stage's 10/s.
 */
export const DEFAULT_ROUTE_THROTTLES: Readonly<Record<string, ApiThrottle>> = {
  'POST /complaints': { rateLimit: 2, burstLimit: 5 },
  'POST /klacht': { rateLimit: 2, burstLimit: 5 },
  'POST /status/{token}/objection': { rateLimit: 2, burstLimit: 5 },
  'POST /status/{token}/information': { rateLimit: 2, burstLimit: 5 },
  'POST /status/{token}/authorisation': { rateLimit: 2, burstLimit: 5 },
  'POST /status/{token}/pagina': { rateLimit: 2, burstLimit: 5 },
  'GET /status/{token}': { rateLimit: 5, burstLimit: 10 },
  'GET /status/{token}/pagina': { rateLimit: 5, burstLimit: 10 },
  'GET /calendar/{token}': { rateLimit: 5, burstLimit: 10 },
};

/** The request headers a browser on a web origin may send (what the routes read). */
export const CORS_ALLOWED_HEADERS: readonly string[] = ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-api-key'];
/** The response headers a browser may read besides the safelisted ones. */
export const CORS_EXPOSED_HEADERS: readonly string[] = ['etag', 'location'];

/**
 * Why each public route may be reached without a staff token (the cdk-nag APIG4 finding each one
 * raises is acknowledged with this reason). Keyed by route key; `/status/{token}` covers its
 * sub-routes.
 */
export const PUBLIC_ROUTE_REASONS: Readonly<Record<string, string>> = {
  'POST /complaints':
    'Complaint intake is public by design: anyone may file a complaint without an account, as the regulation ' +
    "requires. It is bounded by stage throttling, input validation and Idempotency-Key; an organisation's own " +
    'systems identify themselves with an x-api-key that the function checks.',
  'GET /openapi.json': 'The OpenAPI document describes the routes; it holds no complaint data and reads nothing (its function has no permissions).',
  '/status/{token}':
    "The complainant's private status link: it is authorised by the unguessable token in the path (only its " +
    'hash is stored, and the function refuses unknown tokens), because complainants have no account.',
  // The hosted pages (functions/web-pages.ts; the console's page functions/admin-console.ts).
  'GET /klacht': 'The complaint form is a public page by design: anyone may file a complaint without an account. It reads no ' + 'complaint data; submitting it is the public intake below.',
  'POST /klacht':
    "The complaint form's submission is public intake by design (the same as POST /complaints): anyone may file a " + 'complaint without an account, bounded by stage throttling and input validation.',
  'GET /console': 'The admin console page is static: it holds no data, and its script calls the admin routes, each of which ' + "requires a staff token from the tenant's user pool.",
  'GET /static/{file}':
    "The admin console's script is a static file that holds no data; it runs before anyone signs in and then calls " + 'the admin routes with the staff token. Its function has no permissions.',
  'GET /assets/{file}': "The hosted pages' stylesheet and scripts are static files that hold no data; browsers load them before anyone signs in.",
  'GET /calendar/{token}':
    "A staff member's calendar feed of deadlines, for calendar apps that cannot send a token: it is authorised by the " +
    'unguessable token in the path (only its hash is stored; revocable), holds references and dates but no names, and ' +
    'failed guesses are limited per address.',
};

/** The reason `route` may be public, or undefined when none is written down. */
export function publicRouteReason(route: Pick<RouteDefinition, 'method' | 'path'>): string | undefined {
  return (
    PUBLIC_ROUTE_REASONS[routeKey(route)] ?? Object.entries(PUBLIC_ROUTE_REASONS).find(([prefix]) => prefix.startsWith('/') && (route.path === prefix || route.path.startsWith(`${prefix}/`)))?.[1]
  );
}

/**
 * The access log line: JSON, one per request. The route key, never the path (a status link's
 * path holds the complainant's token); the caller's `sub` on admin routes (a pseudonymous id).
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
};

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogGroup: logs.LogGroup;
  /** The custom domain, when `domain` is given. */
  readonly domainName?: apigw.DomainName;
  /** Where the API answers, ending in `/`: the custom domain when there is one, else the execute-api URL. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    checkRoutes(props.routes, props.adminAuthorizer);
    const throttle = props.throttle ?? DEFAULT_API_THROTTLE;
    if (!(throttle.rateLimit > 0 && throttle.burstLimit > 0 && Number.isInteger(throttle.burstLimit))) {
      throw new Error('Api: throttle.rateLimit must be > 0 and throttle.burstLimit a positive integer');
    }

    const webOrigins = [...(props.webOrigins ?? [])];
    checkOrigins(webOrigins);
    if (props.domain) checkDomain(props.domain);
    if (props.disableExecuteApiEndpoint && !props.domain) {
      throw new Error('Api: disableExecuteApiEndpoint needs a custom domain (domain): without one the API could not be reached at all');
    }
    if (props.publicBaseUrl !== undefined && !/^https:\/\/[a-z0-9.-]+(?::\d+)?\/$/.test(props.publicBaseUrl)) {
      throw new Error(`Api: publicBaseUrl "${props.publicBaseUrl}" must be https://host/ (ending in /)`);
    }
    const routeKeys = new Set(props.routes.map(routeKey));
    const routeThrottles = props.routeThrottles ?? Object.fromEntries(Object.entries(DEFAULT_ROUTE_THROTTLES).filter(([key]) => routeKeys.has(key)));
    for (const [key, limit] of Object.entries(routeThrottles)) {
      if (!routeKeys.has(key)) throw new Error(`Api: routeThrottles: ${key} is not one of the routes`);
      if (!(limit.rateLimit > 0 && limit.burstLimit > 0 && Number.isInteger(limit.burstLimit))) {
        throw new Error(`Api: routeThrottles: ${key}: rateLimit must be > 0 and burstLimit a positive integer`);
      }
    }

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `klachten-${props.tenantId}`,
      description: `Klachtenregister API for tenant ${props.tenantId}`,
      // The stage is created below, with throttling and access logs.
      createDefaultStage: false,
      // Behind the edge: only the custom domain (CloudFront's origin) answers.
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint ?? false,
      ...(webOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: webOrigins,
              allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.PATCH, apigw.CorsHttpMethod.DELETE],
              allowHeaders: [...CORS_ALLOWED_HEADERS],
              exposeHeaders: [...CORS_EXPOSED_HEADERS],
              // Tokens travel in the Authorization header, never in cookies.
              allowCredentials: false,
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.THREE_MONTHS,
      // Like the function logs: aged out by retention, kept if the stack is removed.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // Route settings name their routes: the stage must come after them.
    const cfnStage = this.stage.node.defaultChild as apigw.CfnStage;
    if (Object.keys(routeThrottles).length > 0) {
      // An untyped map in the L1: written in CloudFormation's own casing.
      cfnStage.routeSettings = Object.fromEntries(Object.entries(routeThrottles).map(([key, limit]) => [key, { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit }]));
    }

    const publicAccess = new apigw.HttpNoneAuthorizer();
    for (const route of props.routes) {
      const key = routeKey(route);
      const integration = new HttpLambdaIntegration('Integration', props.handlerFor(route.functionId), {
        payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
      });
      const httpRoute = new apigw.HttpRoute(this, constructIdFor(key), {
        httpApi: this.httpApi,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration,
        authorizer: route.access === 'admin' ? props.adminAuthorizer : publicAccess,
      });
      if (route.access !== 'admin') acknowledgeFinding(httpRoute, 'AwsSolutions-APIG4', publicRouteReason(route)!);
      if (routeThrottles[key]) this.stage.node.addDependency(httpRoute);
    }

    this.baseUrl = props.publicBaseUrl ?? (props.domain ? `https://${props.domain.domainName}/` : this.stage.url);
    // With the execute-api endpoint disabled its URL answers nothing: the output is the public URL then.
    new CfnOutput(this, 'Url', {
      value: props.disableExecuteApiEndpoint ? this.baseUrl : this.stage.url,
      description: props.disableExecuteApiEndpoint ? 'Base URL of the tenant API (through the edge)' : 'Base URL of the tenant API',
    }).overrideLogicalId('ApiUrl');

    if (props.domain) {
      this.domainName = new apigw.DomainName(this, 'Domain', {
        domainName: props.domain.domainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        endpointType: apigw.EndpointType.REGIONAL,
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      });
      new apigw.ApiMapping(this, 'DomainMapping', { api: this.httpApi, domainName: this.domainName, stage: this.stage });
      new CfnOutput(this, 'CustomUrl', { value: `https://${props.domain.domainName}/`, description: 'Base URL of the tenant API on its own domain' }).overrideLogicalId('ApiCustomUrl');
      new CfnOutput(this, 'CustomDomainTarget', {
        value: this.domainName.regionalDomainName,
        description: `Point a CNAME (or Route 53 alias) for ${props.domain.domainName} here`,
      }).overrideLogicalId('ApiCustomDomainTarget');
    }
  }

  /** Sets STATUS_BASE_URL: the complainant's status links (in the 201 answer and the letters) point at this API. */
  bindConfiguration(fn: lambda.Function): void {
    fn.addEnvironment('STATUS_BASE_URL', `${this.baseUrl}status`);
  }
}

/** https origins (scheme, host, optional port; no path), or http://localhost / 127.0.0.1 for development. */
function checkOrigins(origins: readonly string[]): void {
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`Api: webOrigins: "${origin}" is not an origin (https://host[:port])`);
    }
    if (origin.includes('*')) throw new Error(`Api: webOrigins: "${origin}": no wildcards; name each origin`);
    const local = parsed.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !local) throw new Error(`Api: webOrigins: "${origin}" must use https (plain http only for localhost)`);
    if (parsed.origin !== origin) throw new Error(`Api: webOrigins: "${origin}" must be an origin only, e.g. "${parsed.origin}" (no path or trailing slash)`);
  }
  if (new Set(origins).size !== origins.length) throw new Error('Api: webOrigins: an origin is listed twice');
}

function checkDomain(domain: ApiDomain): void {
  if (!/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain.domainName)) {
    throw new Error(`Api: domain.domainName "${domain.domainName}" is not a lowercase host name such as klachten.voorbeeld.nl`);
  }
  if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(domain.certificateArn)) {
    throw new Error(`Api: domain.certificateArn "${domain.certificateArn}" is not an ACM certificate ARN`);
  }
}

function checkRoutes(routes: readonly RouteDefinition[], adminAuthorizer: apigw.IHttpRouteAuthorizer | undefined): void {
  if (routes.length === 0) throw new Error('Api: no routes');
  const seen = new Set<string>();
  for (const route of routes) {
    const key = routeKey(route);
    if (seen.has(key)) throw new Error(`Api: route ${key} is defined twice`);
    seen.add(key);
    if (!route.path.startsWith('/')) throw new Error(`Api: route ${key}: the path must start with /`);
    if (route.access === 'admin' && !adminAuthorizer) {
      throw new Error(`Api: route ${key} is an admin route and needs adminAuthorizer (admin routes are never open)`);
    }
    if (route.access !== 'admin' && !publicRouteReason(route)) {
      throw new Error(`Api: route ${key} is public but PUBLIC_ROUTE_REASONS gives no reason why it may be open; add one, or make it an admin route`);
    }
  }
}

/** `POST /complaints/{reference}` -> `POST-complaints-reference`: construct ids cannot hold '/'. */
function constructIdFor(key: string): string {
  return key.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '');
}
