/**
 * GET /console (functions/admin-console.ts): the console's page, a static shell with its
 * configuration (web/console-page.ts) and its script hosted beside the API (web/static.ts). Public:
 * it holds no data.
 */
import type { HttpEvent, HttpResult } from '../shared/http/middleware.ts';
import type { Clock } from '../shared/domain/ports.ts';
import { versionInForce, type RegulationVersions } from '../shared/domain/regulation/versions.ts';
import { htmlResponse } from './html.ts';
import { basePath, switchHref, type PageRoute, type Render } from './page-shell.ts';
import { CONSOLE_PAGE_POLICY, consoleBody, consoleConfig, consoleHead, type ConsoleAuth } from './console-page.ts';
import { langOf } from './texts.ts';

export interface ConsoleRouteDeps {
  tenantId: string;
  regulations: RegulationVersions;
  clock: Clock;
  render: Render;
  auth: ConsoleAuth;
  /** The console's script, hosted beside the API (not in this bundle). */
  script?: { src: string; origin?: string } | undefined;
  /** Staff's uploads go from the page straight to the attachments bucket: the page may connect to it. */
  uploadOrigin?: string | undefined;
}

export function consoleRoute(deps: ConsoleRouteDeps): PageRoute {
  const { auth, script, render } = deps;
  const connect = [...(auth.kind === 'cognito' ? [auth.domain] : []), ...(deps.uploadOrigin ? [deps.uploadOrigin] : [])];
  return (event: HttpEvent): HttpResult => {
    const lang = langOf(event.queryStringParameters);
    const base = basePath(event, 1);
    const config = consoleConfig(versionInForce(deps.regulations, deps.clock.now()), { tenant: deps.tenantId, lang, apiBase: base, now: deps.clock.now(), auth });
    const body = render(lang, base, consoleBody(lang, Boolean(script)), { head: consoleHead(config, script?.src), switchHref: switchHref(`${base}/console`, lang) });
    return htmlResponse(200, body.replace('<body>', '<body class="console">'), {
      styles: [...CONSOLE_PAGE_POLICY.styles],
      frames: [...CONSOLE_PAGE_POLICY.frames],
      ...(connect.length ? { connect } : {}),
      ...(script?.origin ? { scripts: [script.origin] } : {}),
    });
  };
}
