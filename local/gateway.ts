/**
 * The local API gateway: turns HTTP requests into API Gateway HTTP API (payload v2) events for
 * the tenant's handler, from the same route table CDK deploys. Each tenant is served under its
 * own path prefix (/demo/complaints), as a stage would be. It also answers the Lambda Invoke
 * API, which the Scheduler emulator uses to fire the deadline-check function.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ROUTES, routeKey, type FunctionId, type RouteDefinition } from '../shared/http/routes.ts';

/** API Gateway's own payload limit. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface GatewayOptions {
  port: number;
  invoke(tenantId: string, functionId: FunctionId, event: unknown): Promise<unknown>;
  tenantIds(): string[];
  /** Extra local-only endpoints (under /_local/), answered before routing. */
  localEndpoints?: (path: string, method: string, body: string, query: URLSearchParams) => Promise<{ status: number; body: unknown } | undefined>;
  /** Maps a Lambda function name from an ARN to its tenant and function. */
  resolveFunction(functionName: string): { tenantId: string; functionId: FunctionId } | undefined;
  /** Static files (web/static.ts) served as GET <prefix><name>, as a deployed stack hosts them. */
  staticFiles?: { prefix: string; files: Readonly<Record<string, { body: string; contentType: string; hash: string }>> };
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  parameterNames: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const parameterNames: string[] = [];
  const source = route.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => {
    parameterNames.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), parameterNames };
}

export async function startGateway(options: GatewayOptions): Promise<{ url: string; server: Server }> {
  const compiled = ROUTES.map(compile);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(`[gateway] ${req.method} ${req.url}: ${(error as Error).message}`);
      if (!res.headersSent) writeJson(res, 502, { message: 'Internal Server Error' });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    if (body === undefined) return writeJson(res, 413, { message: 'Request Entity Too Large' });

    const invokeMatch = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    // The local-only controls (clock, faults, users) and the Invoke API are for this machine's tools,
    // never for a web page: a request a browser sent from another origin is refused.
    if ((invokeMatch || url.pathname.startsWith('/_local/')) && foreignOrigin(req, boundPort()))
      return writeJson(res, 403, { message: 'Forbidden: cross-origin requests to local controls are refused' });
    if (invokeMatch && req.method === 'POST') return invokeFunction(decodeURIComponent(invokeMatch[1]!), body, res);

    if (options.staticFiles && url.pathname.startsWith(options.staticFiles.prefix) && (req.method === 'GET' || req.method === 'HEAD')) {
      const file = options.staticFiles.files[url.pathname.slice(options.staticFiles.prefix.length)];
      if (!file) return writeJson(res, 404, { message: 'Not Found' });
      res.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-cache', etag: `"${file.hash}"`, 'x-content-type-options': 'nosniff' });
      return void res.end(req.method === 'HEAD' ? undefined : file.body);
    }

    if (url.pathname.startsWith('/_local/') && options.localEndpoints) {
      const answer = await options.localEndpoints(url.pathname, req.method ?? 'GET', body.toString('utf8'), url.searchParams);
      if (answer) return writeJson(res, answer.status, answer.body);
    }

    const [, tenantId, ...rest] = url.pathname.split('/');
    if (!tenantId || !options.tenantIds().includes(tenantId)) return writeJson(res, 404, { message: 'Not Found', tenants: options.tenantIds() });
    const path = `/${rest.join('/')}`;
    for (const { route, pattern, parameterNames } of compiled) {
      const match = pattern.exec(path);
      if (!match || route.method !== req.method) continue;
      const pathParameters = Object.fromEntries(parameterNames.map((name, i) => [name, decodeSegment(match[i + 1]!)]));
      const event = toEvent(req, url, tenantId, route, pathParameters, body);
      const result = await options.invoke(tenantId, route.functionId, event);
      return writeResult(res, result);
    }
    return writeJson(res, 404, { message: 'Not Found' });
  }

  async function invokeFunction(functionName: string, body: Buffer, res: ServerResponse): Promise<void> {
    const name = functionName.includes(':function:') ? functionName.split(':function:')[1]!.split(':')[0]! : functionName;
    const target = options.resolveFunction(name);
    if (!target) return writeJson(res, 404, { Type: 'User', Message: `Function not found: ${name}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
    const payload = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    try {
      const result = await options.invoke(target.tenantId, target.functionId, payload);
      writeJson(res, 200, result ?? null);
    } catch (error) {
      // Lambda reports a function error with 200 and X-Amz-Function-Error.
      writeJson(res, 200, { errorType: 'Error', errorMessage: (error as Error).message }, { 'x-amz-function-error': 'Unhandled' });
    }
  }

  function boundPort(): number {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : options.port;
  }

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const port = boundPort();
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * True when a browser sent the request from a page of another origin (or another site): its
 * `Origin` is not the gateway's own (127.0.0.1, localhost or [::1] on its port), or
 * `Sec-Fetch-Site` says cross-site. Tools (curl, the SDKs, the scheduler emulator) send neither.
 */
export function foreignOrigin(req: Pick<IncomingMessage, 'headers'>, port: number): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  return ![`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(String(origin).toLowerCase());
}

function toEvent(req: IncomingMessage, url: URL, tenantId: string, route: RouteDefinition, pathParameters: Record<string, string>, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/));
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams) queryStringParameters[name] = queryStringParameters[name] ? `${queryStringParameters[name]},${value}` : value;
  const text = body.toString('utf8');
  const isText = body.length === 0 || Buffer.from(text, 'utf8').equals(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length ? { queryStringParameters } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: '127',
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: tenantId,
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? text : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

/** A path parameter, percent-decoded; a malformed escape ("%E0%A4%A") is passed on as sent, for the handler to refuse. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function writeResult(res: ServerResponse, result: unknown): void {
  // A plain value (not a structured result) is sent as JSON with 200, as API Gateway does.
  if (!result || typeof result !== 'object' || !('statusCode' in result)) {
    writeJson(res, 200, result ?? null);
    return;
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(structured.body === undefined ? undefined : structured.isBase64Encoded ? Buffer.from(structured.body, 'base64') : structured.body);
}

function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
