/**
 * The yearly complaint analysis for staff with an overview: JSON, CSV or printable HTML of a
 * year (or any period) beside the year before. Its own function so the report's renderer stays
 * out of the admin API's bundle. Thin: authenticate, parse, one use case, format.
 */
import middy from '@middy/core';
import { requireStaff, type StaffEvent } from '../shared/http/auth-middleware.ts';
import { httpErrorHandler, jsonResponse, type HttpResult } from '../shared/http/middleware.ts';
import { readerContext } from '../shared/adapters/reader-context.ts';
import { DynamoDbReportSource } from '../shared/adapters/dynamodb-report-source.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { parseWith } from '../shared/domain/complaint/submission.ts';
import { buildYearlyReport } from '../shared/domain/report/yearly-report.ts';
import { reportCsv } from '../shared/domain/report/report-csv.ts';
import { renderReportHtml } from '../shared/domain/report/report-html.ts';
import { REPORT_ROLES, reportQuerySchema } from '../shared/domain/report/report-query.ts';
import { newestVersion } from '../shared/domain/regulation/versions.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

// A reader's composition root: the register's write side stays out of this bundle.
const context = readerContext((table) => ({ source: new DynamoDbReportSource(table.client, table.name) }));
const { source } = context.stores;
// Route keys as api-spec.ts declares them (kept out of this bundle: it pulls in every schema).
const FORMATS = new Map([
  ['GET /admin/reports/yearly', 'json'],
  ['GET /admin/reports/yearly.csv', 'csv'],
  ['GET /admin/reports/yearly.html', 'html'],
] as const);

async function report(event: StaffEvent): Promise<HttpResult> {
  const format = FORMATS.get(event.routeKey as never);
  if (!format) throw new NotFoundError(`no route ${event.routeKey}`);
  const { lang, ...period } = parseWith(reportQuerySchema, event.queryStringParameters ?? {});
  const built = await buildYearlyReport({ source, regulations: context.regulations, clock: context.clock }, period);
  const name = `klachtenanalyse-${context.regulations.id}-${period.year ?? `${period.from}-${period.to}`}`;
  if (format === 'json') return jsonResponse(200, built);
  if (format === 'csv') {
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` }, body: reportCsv(built, lang) };
  }
  const html = renderReportHtml(built, lang, { timeZone: newestVersion(context.regulations).organisation.timeZone });
  // The page loads nothing and runs nothing: inline styles only.
  return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }, body: html };
}

export const handler = middy<StaffEvent, HttpResult>()
  .use(requestLog())
  .use(edgeOnly())
  .use(requireStaff({ roles: REPORT_ROLES }))
  .use(httpErrorHandler())
  .handler(report);
