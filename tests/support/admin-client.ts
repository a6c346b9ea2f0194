/** A small client for the staff API of a running local cloud: dev-issuer tokens and JSON requests. */
import type { StaffRole } from '../../shared/auth/principal.ts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text for other content types, undefined for an empty body. */
  body: T;
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
  user: { sub: string; email: string; name: string; groups: StaffRole[] };
}

/** A dev-issuer token: for the tenant's first user with `role`, or for the demo user with e-mail `user`. */
export async function issueToken(api: string, request: { tenant: string; role?: StaffRole; user?: string }): Promise<IssuedToken> {
  const response = await fetch(`${api}/_local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  if (response.status !== 200) throw new Error(`POST /_local/token ${JSON.stringify(request)}: ${response.status} ${await response.text()}`);
  return (await response.json()) as IssuedToken;
}

export async function call<T = any>(url: string, options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const body = text === '' ? undefined : type.includes('json') ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: body as T };
}

/** The staff API of one tenant, as one user. */
export class AdminClient {
  constructor(
    readonly api: string,
    readonly tenant: string,
    readonly token: string,
    readonly email: string,
  ) {}

  static async as(api: string, tenant: string, who: { role: StaffRole } | { user: string }): Promise<AdminClient> {
    const issued = await issueToken(api, { tenant, ...who });
    return new AdminClient(api, tenant, issued.token, issued.user.email);
  }

  url(path: string): string {
    return `${this.api}/${this.tenant}/admin${path}`;
  }

  get<T = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return call<T>(this.url(path), { token: this.token, ...(headers ? { headers } : {}) });
  }

  send<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return call<T>(this.url(path), { method, token: this.token, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
  }

  /** POST /admin/complaints/{reference}/{step}. */
  step<T = any>(reference: string, step: string, body: unknown = {}, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return this.send<T>('POST', `/complaints/${encodeURIComponent(reference)}/${step}`, body, headers);
  }

  complaint<T = any>(reference: string): Promise<ApiResponse<T>> {
    return this.get<T>(`/complaints/${encodeURIComponent(reference)}`);
  }
}

/** Submits a complaint on the public form; returns its reference and private status link. */
export async function submitComplaint(api: string, tenant: string, body: Record<string, unknown>): Promise<{ reference: string; statusUrl: string; body: any }> {
  const response = await call(`${api}/${tenant}/complaints`, { method: 'POST', body });
  if (response.status !== 201) throw new Error(`POST /${tenant}/complaints: ${response.status} ${JSON.stringify(response.body)}`);
  return { reference: response.body.reference, statusUrl: response.body.statusUrl, body: response.body };
}
