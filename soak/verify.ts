/**
 * The soak's verdict: reads the register (Query on the year index, GetItem per reference), the
 * Scheduler emulator (ListSchedules) and the mail the SES stand-in accepted, and checks that
 * every answered complaint exists exactly once with its reference, that the references have no
 * unexplained gap, that each complaint got exactly one acknowledgement and all its schedules,
 * and that no 5xx reached a client outside the database's downtime.
 */
import { GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListSchedulesCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ComplaintRecord } from '../shared/domain/complaint/model.ts';
import { reminderInstant } from '../shared/domain/complaint/milestone-schedules.ts';
import { formatReference } from '../shared/domain/complaint/reference.ts';
import type { Submission } from './clients.ts';
import type { MailSummary } from './mail.ts';
import type { FaultInjector } from './faults.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** A few examples of what failed. */
  examples?: string[];
}

export interface VerifyInput {
  dynamodb: DynamoDBClient;
  scheduler: SchedulerClient;
  tableName: string;
  scheduleGroup: string;
  timeZone: string;
  submissions: Submission[];
  mail: Map<string, MailSummary>;
  faults: FaultInjector;
  /** A request that overlaps the database's downtime, or ends this soon after it, may see a 5xx. */
  graceMs: number;
}

export interface Verification {
  checks: Check[];
  facts: Record<string, string | number>;
}

const sample = (items: string[]) => items.slice(0, 5);

export async function verify(input: VerifyInput): Promise<Verification> {
  const checks: Check[] = [];
  const facts: Record<string, string | number> = {};
  const check = (name: string, failures: string[], detail: string) =>
    checks.push({ name, ok: failures.length === 0, detail: failures.length ? `${failures.length} failing; ${detail}` : detail, ...(failures.length ? { examples: sample(failures) } : {}) });

  const answered = input.submissions.filter((s) => s.reference);
  const unanswered = input.submissions.filter((s) => !s.reference);
  check(
    'every complaint was answered 2xx (after retries)',
    unanswered.map((s) => `${s.key}: ${s.gaveUp ?? `status ${s.finalStatus}`}`),
    `${answered.length} of ${input.submissions.length}`,
  );

  // The register: every complaint of the years the answers name, by the year index.
  const years = [...new Set(answered.map((s) => Number(s.reference!.slice(3, 7))))].sort();
  const complaints = new Map<string, ComplaintRecord>();
  for (const year of years) {
    let startKey: Record<string, any> | undefined;
    do {
      const page = await input.dynamodb.send(
        new QueryCommand({
          TableName: input.tableName,
          IndexName: 'gsi4',
          KeyConditionExpression: 'gsi4pk = :year',
          ExpressionAttributeValues: { ':year': { S: `YEAR#${year}` } },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const complaint = unmarshall(item) as ComplaintRecord;
        complaints.set(complaint.reference, complaint);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  facts['complaints in the register'] = complaints.size;

  // Each answered key: its reference exists, is its own complaint, and no other key has it.
  const byReference = new Map<string, Submission[]>();
  for (const s of answered) byReference.set(s.reference!, [...(byReference.get(s.reference!) ?? []), s]);
  const byEmail = new Map<string, ComplaintRecord[]>();
  for (const c of complaints.values()) byEmail.set(c.complainant.email.toLowerCase(), [...(byEmail.get(c.complainant.email.toLowerCase()) ?? []), c]);
  check(
    'every 2xx key has exactly one complaint, under its reference',
    answered.flatMap((s) => {
      const found = complaints.get(s.reference!);
      const own = byEmail.get(s.email) ?? [];
      if (!found) return [`${s.key}: ${s.reference} not in the register`];
      if (found.complainant.email.toLowerCase() !== s.email) return [`${s.key}: ${s.reference} holds ${found.complainant.email}`];
      if (own.length !== 1) return [`${s.key}: ${own.length} complaints (${own.map((c) => c.reference).join(', ')})`];
      return [];
    }),
    `${answered.length} keys checked`,
  );
  check(
    'no reference answered to two keys',
    [...byReference.entries()].filter(([, list]) => list.length > 1).map(([ref, list]) => `${ref}: ${list.map((s) => s.key).join(', ')}`),
    `${byReference.size} distinct references`,
  );
  const answeredEmails = new Set(answered.map((s) => s.email));
  check(
    'no complaint the clients were not told of',
    [...complaints.values()].filter((c) => !answeredEmails.has(c.complainant.email.toLowerCase())).map((c) => c.reference),
    `${complaints.size} in the register, ${answered.length} answered`,
  );

  // References 1..N per year: each a complaint or a VOID with its reason, never both.
  const gaps: Array<{ reference: string; reason: string }> = [];
  const unexplained: string[] = [];
  for (const year of years) {
    const counter = await input.dynamodb.send(new GetItemCommand({ TableName: input.tableName, Key: { pk: { S: `SEQ#${year}` }, sk: { S: 'SEQ' } }, ConsistentRead: true }));
    const allocated = Number(counter.Item?.seq?.N ?? 0);
    facts[`references allocated ${year}`] = allocated;
    for (let n = 1; n <= allocated; n += 1) {
      const reference = formatReference(year, n);
      const voided = await input.dynamodb.send(new GetItemCommand({ TableName: input.tableName, Key: { pk: { S: `C#${reference}` }, sk: { S: 'VOID' } }, ConsistentRead: true }));
      const reason = voided.Item?.reason?.S;
      if (complaints.has(reference) && reason) unexplained.push(`${reference}: both a complaint and void (${reason})`);
      else if (!complaints.has(reference) && !reason) unexplained.push(`${reference}: neither a complaint nor a void`);
      else if (reason) gaps.push({ reference, reason });
    }
    const beyond = [...complaints.keys()].filter((r) => r.startsWith(`KL-${year}-`) && Number(r.slice(8)) > allocated);
    unexplained.push(...beyond.map((r) => `${r}: beyond the counter (${allocated})`));
  }
  facts['void references (explained gaps)'] = gaps.length;
  const reasons = new Map<string, number>();
  for (const gap of gaps) reasons.set(gap.reason, (reasons.get(gap.reason) ?? 0) + 1);
  const reasonText = [...reasons.entries()].map(([reason, count]) => `${count} x "${reason}"`).join('; ');
  check(
    'references form 1..N, every gap explained by a void',
    unexplained,
    gaps.length
      ? `${gaps.length} gaps (${gaps
          .slice(0, 3)
          .map((g) => g.reference)
          .join(', ')}${gaps.length > 3 ? ', ...' : ''}): ${reasonText}`
      : 'no gaps',
  );

  // Mail: exactly one acknowledgement to each complainant, naming the reference; one notice to the coordinator.
  const mailTo = new Map<string, MailSummary[]>();
  const mailAbout = new Map<string, MailSummary[]>();
  for (const m of input.mail.values()) {
    for (const to of m.to) mailTo.set(to, [...(mailTo.get(to) ?? []), m]);
    for (const ref of m.references) mailAbout.set(ref, [...(mailAbout.get(ref) ?? []), m]);
  }
  facts['mails accepted by the SES stand-in'] = input.mail.size;
  const acknowledgementProblems: string[] = [];
  const recordProblems: string[] = [];
  const coordinatorProblems: string[] = [];
  for (const c of complaints.values()) {
    const toComplainant = mailTo.get(c.complainant.email.toLowerCase()) ?? [];
    if (toComplainant.length !== 1 || !toComplainant[0]!.references.includes(c.reference)) {
      acknowledgementProblems.push(`${c.reference}: ${toComplainant.length} mails to the complainant${toComplainant.length ? ` (${toComplainant.map((m) => m.subject).join(' | ')})` : ''}`);
    }
    const others = (mailAbout.get(c.reference) ?? []).filter((m) => !m.to.includes(c.complainant.email.toLowerCase()));
    if (others.length !== 1) coordinatorProblems.push(`${c.reference}: ${others.length} staff notices`);
    const ackMilestone = c.milestones.find((m) => m.milestoneId === 'acknowledgement');
    if (!c.happened.acknowledged || (ackMilestone && ackMilestone.status !== 'met')) recordProblems.push(`${c.reference}: acknowledgement not recorded (status ${c.status})`);
  }
  check('exactly one acknowledgement mail per complaint, with its reference', acknowledgementProblems, `${complaints.size} complaints`);
  check('exactly one staff notice per complaint', coordinatorProblems, `${complaints.size} complaints`);
  check('every complaint records its acknowledgement', recordProblems, `${complaints.size} complaints`);

  // Schedules: every open milestone has its check (and its reminder, when that was still ahead).
  const scheduleNames = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await input.scheduler.send(new ListSchedulesCommand({ GroupName: input.scheduleGroup, MaxResults: 100, NextToken: nextToken }));
    for (const s of page.Schedules ?? []) scheduleNames.add(s.Name!);
    nextToken = page.NextToken;
  } while (nextToken);
  facts['schedules in the Scheduler emulator'] = scheduleNames.size;
  const missing: string[] = [];
  const expected = new Set<string>();
  for (const c of complaints.values()) {
    for (const m of c.milestones) {
      if (m.status !== 'open') continue;
      const wanted = [`${c.reference}.${m.milestoneId}.check`];
      if (m.reminderOn && reminderInstant(m.reminderOn, input.timeZone).getTime() > Date.parse(c.happened.registered ?? c.receivedAt)) wanted.push(`${c.reference}.${m.milestoneId}.remind`);
      for (const name of wanted) {
        expected.add(name);
        if (!scheduleNames.has(name)) missing.push(name);
      }
    }
  }
  check('every open milestone has its schedules', missing, `${expected.size} expected`);
  const stray = [...scheduleNames].filter((n) => !expected.has(n));
  check('no schedule left for a met or closed milestone', stray, `${scheduleNames.size} present`);

  // The outbox is empty: everything queued was delivered.
  let pending = 0;
  let startKey: Record<string, any> | undefined;
  do {
    const page = await input.dynamodb.send(
      new QueryCommand({
        TableName: input.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :o',
        ExpressionAttributeValues: { ':o': { S: 'OUTBOX' } },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    pending += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  check('the outbox drained completely', pending ? [`${pending} entries still pending`] : [], `${pending} pending`);

  // 5xx: only while the database was down, and every such key got its 2xx afterwards.
  const serverErrors = input.submissions.flatMap((s) => s.attempts.filter((a) => a.status >= 500 || a.status === 0).map((a) => ({ s, a })));
  const outside = serverErrors.filter(({ a }) => !input.faults.databaseDownDuring(a.startedAt, a.endedAt, input.graceMs));
  facts['5xx / network errors seen by clients'] = serverErrors.length;
  facts['... of which while the database was down'] = serverErrors.length - outside.length;
  check(
    'no 5xx outside the database downtime',
    outside.map(({ s, a }) => `${s.key}: ${a.status || a.error} at ${new Date(a.startedAt).toISOString()}`),
    `${outside.length} outside`,
  );
  const retriedKeys = new Set(serverErrors.map(({ s }) => s.key));
  check(
    'every key that saw a 5xx was retried to success',
    input.submissions.filter((s) => retriedKeys.has(s.key) && !s.reference).map((s) => s.key),
    `${retriedKeys.size} keys retried`,
  );
  facts['replayed answers (200, same key)'] = answered.filter((s) => s.finalStatus === 200).length;

  return { checks, facts };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
