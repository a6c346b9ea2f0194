/**
 * npm run report:rollups -- --tenant ID --from YEAR [--to YEAR] [--table NAME [--region REGION]]
 *
 * The backfill of the yearly report's monthly rollups (shared/adapters/dynamodb-report-rollups.ts):
 * builds the rollups of the receipt years YEAR..to (default this year) from their report lines
 * (REPORT#<year>, by Query; reference years from..to+1), writes them over what is there, and marks
 * the rollups complete from YEAR, so the report reads them from then on instead of every line.
 * A year's report compares with the year before: give --from the year before the first year to
 * be reported from rollups (the earliest year in the register is simplest).
 * Idempotent: run again, it writes the same items. Run it once when the write path starts keeping
 * rollups, in a quiet moment (a change committed while its year is rebuilt can be counted twice or
 * not at all; running it again corrects that), and again whenever the regulation file changes the
 * version a past complaint falls under. Locally it uses npm start's DynamoDB Local (or starts one
 * on .data); with --table it works on a deployed table with the AWS credentials of the shell.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadTenantFile, tenantFileIn } from '../shared/adapters/regulation-file.ts';
import { tableNameFor } from '../shared/adapters/table-design.ts';
import { DynamoDbReportSource } from '../shared/adapters/dynamodb-report-source.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import { withLocalDynamoDb } from './local-dynamodb.ts';

const USAGE = 'usage: npm run report:rollups -- --tenant ID --from YEAR [--to YEAR] [--table NAME [--region REGION]]';

const { values } = parseArgs({ options: { tenant: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, table: { type: 'string' }, region: { type: 'string' } } });
const fromYear = Number(values.from);
const toYear = Number(values.to ?? new Date().getFullYear());
const file = values.tenant ? tenantFileIn('tenants', values.tenant) : undefined;
if (!file || !Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
  console.error(USAGE);
  process.exit(2);
}
const regulations = await loadTenantFile(file);

async function backfill(client: DynamoDBClient, tableName: string) {
  const source = new DynamoDbReportSource(client, tableName);
  const result = await source.backfillRollups(regulations, { fromYear, toYear }, (read) => process.stderr.write(`\r${read.toLocaleString('en')} lines read`));
  process.stderr.write('\n');
  console.log(`${tableName}: rollups of ${fromYear}-${toYear} from ${result.complaints.toLocaleString('en')} complaints: ${result.slots} counter items; complete from ${fromYear}`);
}

if (values.table) {
  const client = new DynamoDBClient({ region: values.region ?? process.env.AWS_REGION ?? 'eu-west-1' });
  await backfill(client, values.table);
  client.destroy();
} else {
  await withLocalDynamoDb(async (endpoint) => {
    const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await backfill(client, tableNameFor(values.tenant!));
    client.destroy();
  });
}
