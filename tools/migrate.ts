/**
 * npm run migrate -- --from OLD --to TENANT [--apply]
 *                    [--from-table NAME --to-table NAME [--region REGION]]
 *
 * Moves the register of a tenant that is now a version of another (occure-2019, whose regulation
 * is the first version in tenants/occure.yaml) into that tenant's table. Without --apply it only
 * says what it would do. Locally it uses npm start's DynamoDB Local (or starts one on .data);
 * with --from-table/--to-table it works on deployed tables with the AWS credentials of the shell.
 * The old table is left as it was. See tools/migrate/plan.ts for what moves and how.
 */
import { DynamoDBClient, PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { parseArgs } from 'node:util';
import { loadTenantFile, RegulationFileError, tenantFileIn } from '../shared/adapters/regulation-file.ts';
import { tableNameFor } from '../shared/adapters/table-design.ts';
import { DynamoDbTable } from '../shared/adapters/dynamodb-table.ts';
import { rollupsFromYear } from '../shared/adapters/dynamodb-report-rollups.ts';
import { DynamoDbReportSource } from '../shared/adapters/dynamodb-report-source.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import { withLocalDynamoDb } from './local-dynamodb.ts';
import { planMigration, type Item, type MigrationPlan } from './migrate/plan.ts';
import { type Io, isMain, processIo, TENANTS_DIR } from './tenant-check.ts';

const USAGE = 'usage: npm run migrate -- --from OLD --to TENANT [--apply] [--from-table NAME --to-table NAME [--region REGION]]';

export interface MigrateOptions {
  from: string;
  to: string;
  apply: boolean;
  fromTable: string;
  toTable: string;
}

export function parseMigrateArgs(argv: readonly string[]): { ok: true; options: MigrateOptions & { region?: string; deployed: boolean } } | { ok: false; message: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { from: { type: 'string' }, to: { type: 'string' }, apply: { type: 'boolean' }, 'from-table': { type: 'string' }, 'to-table': { type: 'string' }, region: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: `migrate: ${(error as Error).message}\n${USAGE}` };
  }
  const from = values.from;
  const to = values.to;
  const id = /^[a-z0-9][a-z0-9-]{0,29}$/;
  if (typeof from !== 'string' || !id.test(from)) return { ok: false, message: `migrate: --from must be the old tenant id (occure-2019)\n${USAGE}` };
  if (typeof to !== 'string' || !id.test(to)) return { ok: false, message: `migrate: --to must be a tenant id such as occure\n${USAGE}` };
  if (from === to) return { ok: false, message: `migrate: --from and --to are the same tenant\n${USAGE}` };
  const deployed = values['from-table'] !== undefined || values['to-table'] !== undefined;
  if (deployed && (typeof values['from-table'] !== 'string' || typeof values['to-table'] !== 'string'))
    return { ok: false, message: `migrate: give both --from-table and --to-table for deployed tables\n${USAGE}` };
  if (!deployed && values.region !== undefined) return { ok: false, message: `migrate: --region goes with --from-table and --to-table\n${USAGE}` };
  return {
    ok: true,
    options: {
      from,
      to,
      apply: values.apply === true,
      fromTable: typeof values['from-table'] === 'string' ? values['from-table'] : tableNameFor(from),
      toTable: typeof values['to-table'] === 'string' ? values['to-table'] : tableNameFor(to),
      deployed,
      ...(typeof values.region === 'string' ? { region: values.region } : {}),
    },
  };
}

async function scanAll(client: DynamoDBClient, table: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items;
}

/** Reads both tables, plans, and (with `apply`) writes; returns the plan. */
export async function migrateRegister(client: DynamoDBClient, options: MigrateOptions, io: Io): Promise<MigrationPlan> {
  const file = tenantFileIn(TENANTS_DIR, options.to);
  if (!file) throw new Error(`no tenant file for "${options.to}" in ${TENANTS_DIR}/`);
  const regulations = await loadTenantFile(file);
  const [source, target] = await Promise.all([scanAll(client, options.fromTable), scanAll(client, options.toTable)]);
  const plan = planMigration(source, {
    tenantId: regulations.id,
    versions: regulations.versions.map((r) => r.version),
    references: new Set(target.filter((i) => i.sk === 'COMPLAINT').map((i) => String(i.reference))),
    sequences: new Map(target.filter((i) => String(i.pk).startsWith('SEQ#')).map((i) => [Number(String(i.pk).slice(4)), Number(i.seq ?? 0)])),
    migrated: new Set(
      target.flatMap((i) => {
        const from = i.sk === 'COMPLAINT' ? (i.migratedFrom as { reference?: unknown } | undefined)?.reference : undefined;
        return typeof from === 'string' ? [from] : [];
      }),
    ),
  });
  io.out(`${options.fromTable} -> ${options.toTable}: ${plan.complaints} complaint(s), ${plan.items.length} item(s)`);
  for (const [old, now] of plan.renumbered) io.out(`  ${old} is taken in ${options.to}: it becomes ${now}`);
  for (const problem of plan.problems) io.err(`migrate: ${problem}`);
  if (plan.problems.length || !options.apply) {
    if (!plan.problems.length) io.out('Nothing written: run again with --apply to move them.');
    return plan;
  }
  for (const item of plan.items) {
    // Never over an item the target has: a second run writes nothing twice.
    await client
      .send(new PutItemCommand({ TableName: options.toTable, Item: marshall(item, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(pk)' }))
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }
  for (const [year, seq] of plan.sequences) {
    await client
      .send(
        new UpdateItemCommand({
          TableName: options.toTable,
          Key: marshall({ pk: `SEQ#${year}`, sk: 'SEQ' }),
          UpdateExpression: 'SET seq = :seq',
          ConditionExpression: 'attribute_not_exists(seq) OR seq < :seq',
          ExpressionAttributeValues: marshall({ ':seq': seq }),
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }
  // The moved complaints are not in the target's monthly rollups yet: rebuild what they count in.
  const targetTable = new DynamoDbTable(client, options.toTable);
  const fromYear = await rollupsFromYear(targetTable);
  if (fromYear !== undefined && plan.complaints > 0) {
    const years = { fromYear: Math.max(fromYear, Math.min(...plan.items.flatMap((i) => (i.sk === 'COMPLAINT' ? [Number(i.year)] : []))) - 1), toYear: new Date().getUTCFullYear() };
    const rebuilt = await new DynamoDbReportSource(client, options.toTable).backfillRollups(regulations, years);
    io.out(`The yearly report's rollups of ${options.toTable} were rebuilt for ${years.fromYear}-${years.toYear} (${rebuilt.complaints} complaint(s)).`);
  }
  io.out(`Moved. ${options.fromTable} is left as it was: delete it once you are satisfied.`);
  io.out(`Open deadlines get their schedules under ${options.to} from the next daily sweep (05:15 UTC), which repairs missing ones; status links now start with /${options.to}/status/.`);
  return plan;
}

export async function runMigrate(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseMigrateArgs(argv);
  if (!parsed.ok) {
    io.err(parsed.message);
    return 2;
  }
  const { region, deployed, ...options } = parsed.options;
  const run = async (client: DynamoDBClient) => {
    try {
      return (await migrateRegister(client, options, io)).problems.length ? 1 : 0;
    } catch (error) {
      io.err(
        error instanceof RegulationFileError
          ? error.message
          : `migrate: ${(error as Error).name === 'ResourceNotFoundException' ? `a table does not exist (${options.fromTable}, ${options.toTable})` : (error as Error).message}`,
      );
      return 1;
    } finally {
      client.destroy();
    }
  };
  if (deployed) return run(new DynamoDBClient(region ? { region } : {}));
  return withLocalDynamoDb(
    (endpoint) => run(new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS })),
    (line) => io.out(line),
  );
}

if (isMain(import.meta.url)) {
  process.exitCode = await runMigrate(process.argv.slice(2), processIo);
}
