/**
 * The cost tables as Markdown: what `npm run cost` prints and what docs/deploy.md holds (between
 * the markers `<!-- cost:begin -->` / `<!-- cost:end -->` and `<!-- cost-edge:begin -->` /
 * `<!-- cost-edge:end -->`; tests/unit/tools/cost.test.ts checks they are the same).
 */
import { ASSUMPTIONS, budgetNotes, estimate, monthlyUsage, amount, type Estimate, type LineKey } from './model.ts';
import { PRICES, PRICES_DATE, PRICES_REGION } from './prices.ts';
import { invocationTotals, type RequestProfile } from './profile.ts';
import type { TemplateCounts } from './template.ts';

export const DEFAULT_VOLUMES = [100, 10_000, 1_000_000] as const;

export const usd = (n: number) => `$${n.toFixed(2)}`;
const volume = (n: number) => `${n.toLocaleString('en-US')} / year`;

/** The itemised monthly table for each volume side by side, the budget line, and the usage behind it. */
export function renderCostTables(profile: RequestProfile, counts: TemplateCounts, volumes: readonly number[] = DEFAULT_VOLUMES): string {
  const estimates = volumes.map((n) => estimate(profile, counts, n));
  const budgetColumn = volumes.indexOf(ASSUMPTIONS.budgetComplaintsPerYear);
  const budgetEstimate = budgetColumn >= 0 ? estimates[budgetColumn]! : estimate(profile, counts, ASSUMPTIONS.budgetComplaintsPerYear);
  const overBudget = budgetEstimate.total >= ASSUMPTIONS.budgetUsd;
  const atBudget = monthlyUsage(profile, counts, ASSUMPTIONS.budgetComplaintsPerYear);
  const notes = overBudget ? budgetNotes(counts, atBudget.customMetrics, atBudget.writtenMetrics, atBudget.metrics) : {};
  const lines: string[] = [];
  lines.push(`Monthly cost of tenant \`${profile.tenant}\` (stack \`${counts.stackName}\`), US dollars, ${PRICES_REGION} list prices (${PRICES_DATE}), before any free tier.`);
  lines.push('');
  lines.push(`| service | ${volumes.map(volume).join(' | ')} |${overBudget ? ' what it would take to fit the budget |' : ''}`);
  lines.push(`|---|${volumes.map(() => '---:').join('|')}|${overBudget ? '---|' : ''}`);
  for (const [i, item] of estimates[0]!.items.entries()) {
    const note = notes[item.key as LineKey]?.note;
    lines.push(`| ${item.service} | ${estimates.map((e) => usd(e.items[i]!.usd)).join(' | ')} |${overBudget ? ` ${note ?? ''} |` : ''}`);
  }
  lines.push(`| **total per month** | ${estimates.map((e) => `**${usd(e.total)}**`).join(' | ')} |${overBudget ? ' |' : ''}`);
  lines.push('');
  lines.push(budgetLine(budgetEstimate, notes));
  lines.push('');
  lines.push('Usage a month behind each line:');
  lines.push('');
  lines.push(`| service | ${volumes.map(volume).join(' | ')} |`);
  lines.push(`|---|${volumes.map(() => '---|').join('')}`);
  for (const [i, item] of estimates[0]!.items.entries()) lines.push(`| ${item.service} | ${estimates.map((e) => e.items[i]!.usage).join(' | ')} |`);
  return lines.join('\n');
}

function budgetLine(e: Estimate, notes: ReturnType<typeof budgetNotes>): string {
  const head = `Budget: under ${usd(ASSUMPTIONS.budgetUsd)} a month for a ${ASSUMPTIONS.budgetComplaintsPerYear.toLocaleString('en-US')}-complaint tenant.`;
  if (e.total < ASSUMPTIONS.budgetUsd) return `${head} Estimate: ${usd(e.total)}, within it.`;
  const saving = Object.values(notes).reduce((n, x) => n + (x?.savingUsd ?? 0), 0);
  const fixed = e.items.filter((i) => notes[i.key]).reduce((n, i) => n + i.usd, 0);
  return `${head} Estimate: **${usd(e.total)}, above it**; ${usd(fixed)} of it is fixed per tenant whatever the volume (the lines with a note). With every change in the last column: ${usd(e.total - saving)}${e.total - saving < ASSUMPTIONS.budgetUsd ? ', within it' : ', still above it'}.`;
}

/** The edge's own costs (CloudFront and WAF, `--edge`), per volume, and the total with it. */
export function renderEdgeTable(profile: RequestProfile, counts: TemplateCounts, volumes: readonly number[] = DEFAULT_VOLUMES): string {
  const estimates = volumes.map((n) => estimate(profile, counts, n, { edge: true }));
  const lines: string[] = [];
  lines.push(`| the edge (stack \`${counts.edge?.stackName}\`) | ${volumes.map(volume).join(' | ')} |`);
  lines.push(`|---|${volumes.map(() => '---:').join('|')}|`);
  for (const [i, item] of estimates[0]!.edge!.items.entries()) {
    lines.push(`| ${item.service}: ${estimates.map((e) => e.edge!.items[i]!.usage).join(' / ')} | ${estimates.map((e) => usd(e.edge!.items[i]!.usd)).join(' | ')} |`);
  }
  lines.push(`| **the edge per month** | ${estimates.map((e) => `**${usd(e.edge!.total)}**`).join(' | ')} |`);
  lines.push(`| the tenant without the edge's data transfer out (origin to CloudFront is free) | ${estimates.map((e) => usd(e.total - e.items.find((i) => i.key === 'transfer')!.usd)).join(' | ')} |`);
  lines.push(`| **the tenant with the edge** | ${estimates.map((e) => `**${usd(e.total - e.items.find((i) => i.key === 'transfer')!.usd + e.edge!.total)}**`).join(' | ')} |`);
  return lines.join('\n');
}

/** What the estimate is made of: the template's counts, the measured profile per complaint, the prices. */
export function renderBasis(profile: RequestProfile, counts: TemplateCounts): string {
  const p = profile.complaintProcedure;
  const n = profile.procedure.complaints;
  const each = (x: number) => amount(x / n);
  const { count, ms } = invocationTotals(p);
  const memory = [...new Set(counts.functions.map((f) => f.memoryMb))].join('/');
  const timer = counts.scheduledRules.filter((r) => r.target === 'outbox-drain');
  const sweep = counts.scheduledRules.filter((r) => r.target === 'deadline-sweeper');
  const lines = [
    `From the template (synthesised offline): ${counts.functions.length} functions (${memory} MB, ${counts.functions.every((f) => f.arm64) ? 'arm64' : 'mixed architectures'}), ${counts.kmsKeys} KMS key${counts.kmsKeys === 1 ? '' : 's'}, ${counts.alarms} alarms${counts.highResolutionAlarms ? ` (and ${counts.highResolutionAlarms} high-resolution)` : ''}, ${counts.secrets} secret${counts.secrets === 1 ? '' : 's'}, ${counts.tables} on-demand table${counts.tables === 1 ? '' : 's'} with ${counts.indexes} indexes${counts.pitrTables ? ' and point-in-time recovery' : ''}, ${counts.buckets} buckets, ${counts.malwareProtectionPlans} GuardDuty malware protection plan${counts.malwareProtectionPlans === 1 ? '' : 's'}, ${counts.queues} queues, ${counts.topics} topics, ${counts.userPools} user pool; the drain's timer ${timer.map((r) => `${r.expression} (${amount(r.invocationsPerMonth)} a month)`).join(', ')}, the sweep ${sweep.map((r) => `${r.expression} (${r.invocationsPerMonth} a month)`).join(', ')}; logs kept ${counts.functionLogRetentionDays} days (functions) and ${counts.accessLogRetentionDays} days (API access log, about ${counts.accessLogFormatBytes} bytes a line).`,
    '',
    `Measured per complaint (\`bench/requests-per-complaint.json\`, tenant \`${profile.tenant}\`, ${profile.measuredAt.slice(0, 10)}${profile.code ? `, code ${profile.code}` : ''}, \`${profile.command}\`: ${profile.procedure.description}; the procedure's totals divided by its ${n} complaints):`,
    '',
    `| per complaint | measured |`,
    `|---|---:|`,
    `| API requests | ${each(p.apiRequests)} (${amount(p.apiResponseBytes / n / 1000)} KB answered) |`,
    `| Lambda invocations | ${each(count)} (${amount(ms / n / 1000)} s in all, as measured here) |`,
    `| DynamoDB write request units | ${each(p.dynamodb.writeUnits + p.dynamodb.failedWrites)} |`,
    `| DynamoDB read request units | ${each(p.dynamodb.readUnits)} |`,
    `| DynamoDB storage (table and index copies) | ${amount(profile.storage.tableBytes / n / 1000)} KB |`,
    `| schedules created / fired | ${each(p.scheduler.created)} / ${each(p.scheduler.fired)} |`,
    `| e-mails (SES recipients) | ${each(p.ses.recipients)} |`,
    `| files uploaded (S3 POST, scanned by GuardDuty) | ${each(p.s3.uploads)} (assumed ${ASSUMPTIONS.fileBytes / 1_000_000} MB each) |`,
    `| S3 requests (writes / reads) | ${each(p.s3.writeRequests)} / ${each(p.s3.readRequests)} |`,
    `| log bytes (function JSON lines) | ${amount(p.logs.bytes / n)} |`,
    ...(p.metricWrites
      ? [
          `| custom metric writes (EMF lines; each metric is charged in the hours it is written) | ${
            Object.entries(p.metricWrites)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([name, writes]) => `${name} ${each(writes)}`)
              .join(', ') || 'none'
          } |`,
        ]
      : []),
    '',
    `Fixed per tenant as measured: one timer drain ${describeRun(profile.timerDrain)}; one daily sweep ${describeRun(profile.dailySweep)}. Staff (Cognito monthly active users): 3 / 15 / 150 at 100 / 10,000 / 1,000,000 complaints a year. KMS requests: at most one per function per five minutes it is active (DynamoDB and S3 keep the data key about five minutes; the files' bucket uses an S3 Bucket Key). SNS: ${ASSUMPTIONS.bounceShare * 100}% of letters bounce, each e-mailed. Not included: Secrets Manager API calls (one per cold start), CloudFront and WAF (below, with the edge), support plans, taxes.`,
  ];
  return lines.join('\n');
}

function describeRun(usage: RequestProfile['timerDrain']): string {
  const { count, ms } = invocationTotals(usage);
  const metrics = Object.entries(usage.metricWrites ?? {}).filter(([, writes]) => writes > 0);
  return `(${count} invocation${count === 1 ? '' : 's'}, ${ms} ms, ${amount(usage.dynamodb.writeUnits + usage.dynamodb.failedWrites)} WRU, ${amount(usage.dynamodb.readUnits)} RRU${metrics.length ? `, metric writes ${metrics.map(([name, writes]) => `${name} ${writes}`).join(', ')}` : ''})`;
}

/** The prices assumed, from tools/cost/prices.ts. */
export function renderPrices(): string {
  const lines = [`| price | ${PRICES_REGION}, US dollars | source |`, '|---|---|---|'];
  for (const [name, p] of Object.entries(PRICES)) {
    lines.push(`| ${name} | $${p.usd} per ${p.per === 1 ? '' : `${p.per.toLocaleString('en-US')} `}${p.unit} | ${p.source} |`);
  }
  return lines.join('\n');
}

/** Everything `npm run cost` prints for the default volumes (and what docs/deploy.md holds). */
export function renderReport(profile: RequestProfile, counts: TemplateCounts, volumes: readonly number[] = DEFAULT_VOLUMES): string {
  return [renderCostTables(profile, counts, volumes), '', renderBasis(profile, counts)].join('\n');
}
