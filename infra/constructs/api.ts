/**
 * Api: the tenant's HTTP API, its routes built from the shared route table (the same table the
 * local gateway serves), one Lambda integration per route, throttled on its $default stage.
 *
 * Admin routes are never open: a route with access 'admin' needs `adminAuthorizer` (the Cognito
 * JWT authorizer of issue 6); without one, synth fails. Public routes say so explicitly
 * (HttpNoneAuthorizer), so adding a default authorizer later cannot silently change them.
 */
import { CfnOutput } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type FunctionId, type RouteDefinition, routeKey } from '../../shared/http/routes.ts';

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
}

export const DEFAULT_API_THROTTLE: ApiThrottle = { rateLimit: 10, burstLimit: 20 };

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    checkRoutes(props.routes, props.adminAuthorizer);
    const throttle = props.throttle ?? DEFAULT_API_THROTTLE;
    if (!(throttle.rateLimit > 0 && throttle.burstLimit > 0 && Number.isInteger(throttle.burstLimit))) {
      throw new Error('Api: throttle.rateLimit must be > 0 and throttle.burstLimit a positive integer');
    }

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `klachten-${props.tenantId}`,
      description: `Klachtenregister API for tenant ${props.tenantId}`,
      // The stage is created below, with throttling (and, with issue 6, access logs).
      createDefaultStage: false,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle,
    });

    const publicAccess = new apigw.HttpNoneAuthorizer();
    for (const route of props.routes) {
      const key = routeKey(route);
      const integration = new HttpLambdaIntegration('Integration', props.handlerFor(route.functionId), {
        payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
      });
      new apigw.HttpRoute(this, constructIdFor(key), {
        httpApi: this.httpApi,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration,
        authorizer: route.access === 'admin' ? props.adminAuthorizer : publicAccess,
      });
    }

    new CfnOutput(this, 'Url', { value: this.stage.url, description: 'Base URL of the tenant API' });
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
  }
}

/** `POST /complaints/{reference}` -> `POST-complaints-reference`: construct ids cannot hold '/'. */
function constructIdFor(key: string): string {
  return key.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '');
}
