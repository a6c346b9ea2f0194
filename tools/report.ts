/**
 * `npm run report -- --tenant occure --year 2026 [--format pdf|html|csv|json] [--lang nl|en] [--out FILE]`
 * (or `--from 2026-07-01 --to 2027-06-30` for any period): the yearly complaint analysis of a
 * tenant's local register, the same report the admin API serves, with a progress bar. The PDF is
 * the printable HTML printed by the system Chromium. See docs/api.md, "The yearly report".
 */
import { writeFileSync } from 'node:fs';
import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { loadTenantFile, RegulationFileError, tenantFileIn } from '../shared/adapters/regulation-file.ts';
import { tableNameFor } from '../shared/adapters/table-design.ts';
import { DynamoDbReportSource } from '../shared/adapters/dynamodb-report-source.ts';
import { systemClock } from '../shared/adapters/clock.ts';
import { InvalidInputError } from '../shared/domain/errors.ts';
import { buildYearlyReport, reportPeriod } from '../shared/domain/report/yearly-report.ts';
import { reportCsv } from '../shared/domain/report/report-csv.ts';
import { renderReportHtml } from '../shared/domain/report/report-html.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import { tenantIdsIn } from '../local/cloud.ts';
import { withLocalDynamoDb } from './local-dynamodb.ts';
import { progressBar } from './seed/progress.ts';
import { reportPdf } from './report/pdf.ts';

const USAGE = 'usage: npm run report -- --tenant <id> (--year <yyyy> | --from <yyyy-mm-dd> --to <yyyy-mm-dd>) [--format pdf|html|csv|json] [--lang nl|en] [--out FILE]';
const FORMATS = ['pdf', 'html', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--(tenant|year|from|to|format|lang|out)(?:=(.*))?$/.exec(argv[i]!);
    if (!match) fail(`unknown option "${argv[i]}"`);
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined || value.startsWith('--')) fail(`--${match[1]} needs a value`);
    args[match[1]!] = value;
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const tenants = tenantIdsIn('tenants');
if (!args.tenant) fail(`--tenant is required; tenants: ${tenants.join(', ')}`);
if (!tenants.includes(args.tenant)) fail(`unknown tenant "${args.tenant}"; tenants: ${tenants.join(', ')}`);
const format = (args.format ?? 'pdf') as Format;
if (!FORMATS.includes(format)) fail(`--format must be one of: ${FORMATS.join(', ')}`);
const lang = args.lang ?? 'nl';
if (lang !== 'nl' && lang !== 'en') fail('--lang must be nl or en');
if (args.year !== undefined && !/^\d{4}$/.test(args.year)) fail(`--year must be a year like 2026, got "${args.year}"`);
const request = { ...(args.year ? { year: Number(args.year) } : {}), ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}) };
// Without a period: this year so far.
const period = Object.keys(request).length ? request : { year: new Date().getFullYear() };
try {
  reportPeriod(period);
} catch (error) {
  if (error instanceof InvalidInputError) fail(error.problems.map((p) => `--${p.field} ${p.message}`).join('; '));
  throw error;
}
const out = args.out ?? `klachtenanalyse-${args.tenant}-${period.year ?? `${period.from}-${period.to}`}${lang === 'en' ? '-en' : ''}.${format}`;

const file = tenantFileIn('tenants', args.tenant)!;
let regulations;
try {
  regulations = await loadTenantFile(file);
} catch (error) {
  console.error(error instanceof RegulationFileError ? error.message : String(error));
  process.exit(1);
}

let exitCode = 0;
try {
  const report = await withLocalDynamoDb(async (endpoint) => {
    const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 5 });
    try {
      const tableName = tableNameFor(args.tenant!);
      await client.send(new DescribeTableCommand({ TableName: tableName })).catch(() => {
        throw new Error(`${args.tenant} has no register here yet: run npm start (and npm run seed -- --tenant ${args.tenant}) first`);
      });
      const bar = progressBar(`Reading ${args.tenant}`);
      const built = await buildYearlyReport({ source: new DynamoDbReportSource(client, tableName), regulations, clock: systemClock }, period, (p) => bar.update(p.read, p.total ?? p.read));
      bar.finish();
      return built;
    } finally {
      client.destroy();
    }
  });
  const html = () => renderReportHtml(report, lang, { timeZone: regulations.versions[0]!.organisation.timeZone });
  const content: string | Buffer = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'csv' ? reportCsv(report, lang) : format === 'html' ? html() : await reportPdf(html());
  writeFileSync(out, content);
  const { current, previous } = report;
  console.log(`${out}: ${current.complaints} complaints from ${current.period.from} to ${current.period.to} (the year before: ${previous.complaints}); ${current.open} still open.`);
} catch (error) {
  console.error(`\nThe report failed: ${(error as Error).message}`);
  exitCode = 1;
}
process.exit(exitCode);
