/**
 * TenantStack: everything one organisation (tenant) runs on, built from its validated
 * regulation. One construct per concern; the functions get their configuration and their
 * permissions through the constructs' bind/grant helpers, and only the permissions they use.
 * One customer-managed KMS key per tenant (TenantKey) encrypts the register, the files and the
 * topics. Every construct is watched by Observability (alarms to one topic per tenant), and the whole
 * stack passes cdk-nag's AwsSolutions checks (infra/nag.ts; docs/deploy.md lists the few
 * acknowledged findings and why).
 */
import { readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { readTenantFile, tenantIdOfFile } from '../shared/adapters/regulation-file.ts';
import { newestVersion, type RegulationVersions } from '../shared/domain/regulation/versions.ts';
import { type FunctionId, ROUTES } from '../shared/http/routes.ts';
import { Api, type ApiProps } from './constructs/api.ts';
import { Attachments, type AttachmentsProps } from './constructs/attachments.ts';
import { Auth, type AuthProps } from './constructs/auth.ts';
import { Deadlines } from './constructs/deadlines.ts';
import { edgeSecretParameter } from './edge-stack.ts';
import { Mail, type MailProps } from './constructs/mail.ts';
import { Observability, type ObservabilityProps } from './constructs/observability.ts';
import { Outbox } from './constructs/outbox.ts';
import { Register } from './constructs/register.ts';
import { SearchKey } from './constructs/search-key.ts';
import { TenantKey } from './constructs/tenant-key.ts';
import { PROJECT_ROOT, TenantFunctions, type TenantFunctionsProps } from './constructs/tenant-functions.ts';
import { Webhook } from './constructs/webhook.ts';

/**
 * A tenant id: lowercase letters, digits and inner dashes, at most 30 characters (it is part of
 * the stack, table, schedule group and function names; Lambda names stop at 64).
 */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$/;

export function assertTenantId(tenantId: string): void {
  if (!TENANT_ID_PATTERN.test(tenantId)) {
    throw new Error(`Invalid tenant id "${tenantId}": use 1-30 lowercase letters, digits and dashes, starting and ending with a letter or digit`);
  }
}

/** The CloudFormation stack (and CDK stack id) of a tenant: `npx cdk deploy klachten-<tenant>`. */
export function stackNameFor(tenantId: string): string {
  return `klachten-${tenantId}`;
}

/**
 * What each function may do: read and write the register, or only read it; schedule; send mail;
 * delete (anonymisation); use the search key (docs/search.md); the attachments bucket: sign
 * uploads, sign downloads (of clean files), check uploads, erase a complaint's files, or only know
 * its origin (a page that posts to it); read the webhook's signing key (when the tenant has a webhook).
 */
type Capability = 'register' | 'read' | 'scheduling' | 'mail' | 'erasure' | 'search' | 'files-upload' | 'files-download' | 'files-check' | 'files-erase' | 'files-origin' | 'webhook-signing';

/**
 * Least privilege per function. Every function gets every required configuration variable
 * (they share one composition root), but only these permissions. A new FunctionId does not
 * compile until it is listed here.
 */
export const FUNCTION_PERMISSIONS: Readonly<Record<FunctionId, readonly Capability[]>> = {
  // Registers the complaint and its outbox entries in one transaction, with its search tokens;
  // counts it against the hourly mail caps (counter items in the same table).
  'submit-complaint': ['register', 'search'],
  // Re-reads the complaint; an escalation is an event plus outbox entries.
  'deadline-check': ['register'],
  // Sends the letters and creates the deadline schedules the outbox holds; deletes an anonymised complaint's files;
  // signs and sends the webhooks (the one function that reads their key).
  'outbox-drain': ['register', 'scheduling', 'mail', 'files-erase', 'webhook-signing'],
  // Staff steps and API keys are events plus outbox entries. It deletes nothing
  // (erasure requests are admin-privacy's).
  'admin-api': ['register'],
  // The lists, the CSV export and the dashboard read the indexes; a search hashes its terms with
  // the search key and reads the search tokens; a calendar feed is written (a hash) and revoked
  // (marked so, never deleted); the measures register is written (measures are items of their own).
  'admin-lists': ['register', 'search'],
  // A complaint's letters as sent, and a step's letters before it is taken: reads alone.
  'admin-letters': ['read'],
  // Legal holds are events; the subject export reads the subject index and records itself on each
  // complaint; an erasure request deletes the complaint's status link, idempotency key and outbox
  // entries; the audit log is written and read. The search key: the subject's keyed hash, and the
  // complaints a person represented (their address's search token; docs/security.md).
  'admin-privacy': ['register', 'erasure', 'search'],
  // The console page reads nothing (it names the bucket's origin: staff's uploads go straight to
  // it); the reasons for a complaint's dates read the complaint, the webhook's state the pending
  // outbox. It writes nothing.
  'admin-console': ['register', 'files-origin'],
  // The yearly report reads the year index (and the measures); it writes nothing.
  'admin-reports': ['register'],
  // The complainant's status link reads the complaint and records their actions; signs their uploads.
  'complaint-status': ['register', 'files-upload'],
  // Serves the OpenAPI document: touches nothing.
  'api-docs': [],
  // Escalates missed deadlines, recreates lost schedules, mails the weekly digests; anonymises
  // complaints whose retention ended (deleting their status link and outbox entries).
  'deadline-sweeper': ['register', 'scheduling', 'mail', 'erasure'],
  // The hosted pages: the form registers complaints (with their search tokens and mail caps); its script posts files
  // straight to the bucket (through the status link's upload route), so the page names the bucket's origin.
  'web-pages': ['register', 'search', 'files-origin'],
  // Serves the console's script: touches nothing.
  'web-static': [],
  // Records bounces and spam reports on the complaint (an event plus a notice to the coordinator).
  'mail-events': ['register'],
  // Staff's files: reads the complaint and its attachments, signs uploads and downloads (clean files
  // only), writes each download to the audit log.
  'admin-attachments': ['register', 'files-upload', 'files-download'],
  // The check after every upload and the scan's verdict: reads the file's first and last bytes,
  // deletes what it refuses, records both on the complaint.
  'attachment-check': ['register', 'files-check'],
};

export interface TenantStackProps extends StackProps {
  /** The tenant's validated regulation, every version (from loadTenantFile); its `id` is the tenant id. */
  readonly regulations: RegulationVersions;
  /**
   * The SES identity, configuration set and bounce notifications of the letters.
   * @default see MailProps (the domain identity of organisation.senderAddress with DKIM, made by
   * this stack; configuration set `klachten-<tenant>` requiring TLS; nobody subscribed to bounces)
   */
  readonly mail?: Omit<MailProps, 'senderAddress' | 'tenantId' | 'topicEncryptionKey'>;
  /**
   * API throttling, CORS origins, access-log retention, a custom domain, and the authorizer admin routes need.
   * @default see ApiProps (10 requests/s, burst 20; no CORS; access logs kept three months; no
   * custom domain); admin routes get the Auth construct's JWT authorizer
   */
  readonly api?: Pick<ApiProps, 'throttle' | 'adminAuthorizer' | 'webOrigins' | 'accessLogRetention' | 'domain'>;
  /**
   * Who is told of alarms.
   * @default see ObservabilityProps (nobody subscribed; five-minute windows)
   */
  readonly observability?: Omit<ObservabilityProps, 'tenantId' | 'encryptionKey'>;
  /**
   * Function memory and log retention.
   * @default see TenantFunctionsProps (512 MB, logs kept one year)
   */
  readonly functions?: Pick<TenantFunctionsProps, 'memorySize' | 'logRetention'>;
  /**
   * The staff user pool: admin console callback/logout URLs, hosted-UI domain prefix, MFA, threat protection.
   * @default see AuthProps (console on localhost, no hosted-UI domain, MFA required, threat protection enforced)
   */
  readonly auth?: Omit<AuthProps, 'tenantId' | 'organisationName'>;
  /**
   * The tenant's own system, told of every complaint event by a signed POST (https). The stack
   * then generates the signing key in Secrets Manager, readable by the outbox drain alone (see constructs/webhook.ts).
   * @default no webhook
   */
  readonly webhookUrl?: string;
  /**
   * The attachments bucket: removal policy, malware scanning, access-log retention.
   * @default see AttachmentsProps (retained, scanned by GuardDuty, access logs kept a year)
   */
  readonly attachments?: Omit<AttachmentsProps, 'tenantId' | 'checkFunction' | 'encryptionKey'>;
  /**
   * The tenant is behind its edge (infra/edge-stack.ts, `klachten-<tenant>-edge`): the public
   * domain CloudFront answers on. The API's execute-api endpoint is then disabled (its custom
   * domain, `api.domain`, required, is CloudFront's origin), status links point at the edge's
   * domain, and the stack takes the origin secret as the NoEcho parameter EdgeOriginSecret: the
   * functions trust CloudFront-Viewer-Address for their per-address limits only with it.
   * @default no edge: the API answers on its execute-api URL (and its custom domain, if any)
   */
  readonly edge?: { readonly domainName: string };
}

export class TenantStack extends Stack {
  readonly tenantId: string;
  readonly tenantKey: TenantKey;
  readonly observability: Observability;
  readonly register: Register;
  readonly searchKey: SearchKey;
  readonly functions: TenantFunctions;
  readonly deadlines: Deadlines;
  readonly mail: Mail;
  readonly outbox: Outbox;
  readonly api: Api;
  readonly auth: Auth;
  readonly webhook?: Webhook;
  readonly attachments: Attachments;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    // Checked before anything is named after it.
    const { regulations, mail, api, functions, auth, webhookUrl, observability, attachments, edge, ...stackProps } = props;
    assertTenantId(regulations.id);
    if (edge && !api?.domain) throw new Error("edge: the API needs its own custom domain (api.domain), CloudFront's origin, when the execute-api endpoint is disabled");
    const tenantId = regulations.id;
    // The organisation as its newest version names it; every version sends from the same domain (versions.ts).
    const regulation = newestVersion(regulations);
    super(scope, id, {
      description: `Klachtenregister for ${regulation.organisation.name} (tenant ${tenantId})`,
      ...stackProps,
    });
    this.tenantId = tenantId;
    Tags.of(this).add('app', 'klachtenregister');
    Tags.of(this).add('tenant', tenantId);

    // One customer-managed key for the register, the files and the topics ($1.00 a month a key;
    // constructs/tenant-key.ts says what keeps the uses apart).
    this.tenantKey = new TenantKey(this, 'TenantKey', { tenantId });
    const encryptionKey = this.tenantKey.key;
    this.observability = new Observability(this, 'Observability', { tenantId, encryptionKey, ...observability });
    this.register = new Register(this, 'Register', { tenantId, encryptionKey });
    this.searchKey = new SearchKey(this, 'SearchKey', { tenantId });
    this.functions = new TenantFunctions(this, 'Functions', { tenantId, regulations, ...functions });
    this.deadlines = new Deadlines(this, 'Deadlines', { tenantId, deadlineFunction: this.functions.get('deadline-check'), sweeperFunction: this.functions.get('deadline-sweeper') });
    this.mail = new Mail(this, 'Mail', {
      tenantId,
      senderAddress: regulation.organisation.senderAddress,
      // The tenant's one key (SES may use it for the mail-events topic only).
      topicEncryptionKey: encryptionKey,
      ...mail,
    });
    this.outbox = new Outbox(this, 'Outbox', { drainFunction: this.functions.get('outbox-drain'), table: this.register.table });
    this.attachments = new Attachments(this, 'Attachments', { tenantId, checkFunction: this.functions.get('attachment-check'), encryptionKey, ...attachments });
    this.auth = new Auth(this, 'Auth', { tenantId, organisationName: regulation.organisation.name, ...auth });
    if (webhookUrl !== undefined) this.webhook = new Webhook(this, 'Webhook', { tenantId, url: webhookUrl });
    this.api = new Api(this, 'Api', {
      tenantId,
      routes: ROUTES,
      handlerFor: (functionId) => this.functions.get(functionId),
      adminAuthorizer: this.auth.adminAuthorizer,
      ...api,
      ...(edge ? { disableExecuteApiEndpoint: true, publicBaseUrl: `https://${edge.domainName}/` } : {}),
    });
    // Behind the edge: the secret CloudFront sends, so the functions know a request came through it.
    const edgeSecret = edge ? edgeSecretParameter(this) : undefined;

    for (const { id: functionId, fn } of this.functions.all()) {
      const capabilities = FUNCTION_PERMISSIONS[functionId];
      // Required by every function's config (shared/adapters/config.ts).
      this.deadlines.bindConfiguration(fn);
      // JWT_ISSUER/JWT_AUDIENCE: every function can serve an admin route; requireStaff() fails closed without them.
      this.auth.bindConfiguration(fn);
      // STATUS_BASE_URL: the status links in the 201 answer, the letters and the form's confirmation point at this API.
      this.api.bindConfiguration(fn);
      // WEBHOOK_URL: every function queues webhook entries with its events; no permission needed.
      this.webhook?.bindConfiguration(fn);
      // The signing key: the function that delivers them, and no other.
      if (capabilities.includes('webhook-signing')) this.webhook?.grantSigning(fn);
      // EDGE_ORIGIN_SECRET: the per-address limits read the viewer's address from CloudFront's header only with it.
      if (edgeSecret) fn.addEnvironment('EDGE_ORIGIN_SECRET', edgeSecret.valueAsString);
      if (capabilities.includes('register')) this.register.grantDataAccess(fn);
      else if (capabilities.includes('read')) this.register.grantReadAccess(fn);
      if (capabilities.includes('search')) this.searchKey.grantUse(fn);
      if (capabilities.includes('erasure')) this.register.grantErasure(fn);
      if (capabilities.includes('scheduling')) this.deadlines.grantScheduling(fn);
      if (capabilities.includes('mail')) this.mail.grantSend(fn);
      if (capabilities.includes('files-upload')) this.attachments.grantUpload(fn);
      if (capabilities.includes('files-download')) this.attachments.grantDownload(fn);
      if (capabilities.includes('files-check')) this.attachments.grantCheck(fn);
      if (capabilities.includes('files-erase')) this.attachments.grantErase(fn);
      if (capabilities.includes('files-origin')) this.attachments.bindOrigin(fn);
    }
    // Two alarms over every function (errors from their log lines, the account's throttles), not two per function.
    this.observability.monitorFunctions(this.functions.all());
    this.observability.monitorDeadLetterQueue('schedule-dlq', this.deadlines.deadLetterQueue, 'A deadline check could not be delivered');
    this.observability.monitorDeadLetterQueue(
      'attachment-events-dlq',
      this.attachments.deadLetterQueue,
      'An upload or a scan result could not be checked (the file stays pending and is never opened)',
    );
    this.observability.monitorDeadLetterQueue(
      'outbox-stream-dlq',
      this.outbox.streamFailureQueue,
      'A stream batch of new outbox entries was given up after its retries (the entries stay pending; the five-minute timer delivers them)',
    );
    this.observability.monitorApi(this.api.httpApi);
    this.observability.monitorOutbox();
    this.observability.monitorIntake();
    this.observability.monitorSesReputation();

    // The console's script is served by the web-static function on this API (a path on the same host),
    // and it signs staff in through the user pool's hosted UI when the tenant has one.
    // SES bounces and complaints reach the register: the complaint records them, staff are told.
    this.mail.mailEventsTopic.addSubscription(new LambdaSubscription(this.functions.get('mail-events')));

    const adminConsole = this.functions.get('admin-console');
    adminConsole.addEnvironment('CONSOLE_SCRIPT_URL', '/static/console.js');
    if (this.auth.domain) adminConsole.addEnvironment('CONSOLE_AUTH_DOMAIN', this.auth.domain.baseUrl());

    // Web (issue 7): hosting for the complaint form, status page and admin console goes here, as
    // its own construct. It feeds what is already a prop: its origin to api.webOrigins (CORS), the
    // console's URLs to auth.callbackUrls/logoutUrls, and CONSOLE_AUTH_DOMAIN/CONSOLE_SCRIPT_URL
    // to the admin-console function (through a bindConfiguration like the others). STATUS_BASE_URL
    // already points at this API (Api.bindConfiguration), where the status page is served.

    new CfnOutput(this, 'TableName', { value: this.register.table.tableName, description: 'The register (retained when the stack is deleted)' });
    new CfnOutput(this, 'AttachmentsBucketName', {
      value: this.attachments.bucket.bucketName,
      description: "The complaints' files (private, KMS, scanned by GuardDuty; retained when the stack is deleted)",
    });
  }
}

export interface TenantFile {
  tenantId: string;
  /** Path relative to the repository root, e.g. tenants/demo.yaml. */
  file: string;
  /** Every version the file holds, oldest first. */
  regulations: RegulationVersions;
}

const TENANT_FILE_EXTENSIONS = new Set(['.yaml', '.yml']);

/**
 * Reads and validates the tenant files in `dir` (every one, or only `only`'s). Throws one Error
 * listing every problem of every bad file, so a synth shows them all at once.
 */
export async function readTenantFiles(options: { dir: string; only?: string; projectRoot?: string }): Promise<TenantFile[]> {
  const root = options.projectRoot ?? PROJECT_ROOT;
  const names = (await readdir(options.dir)).filter((name) => !name.startsWith('.') && TENANT_FILE_EXTENSIONS.has(extname(name).toLowerCase())).sort();
  let files = names.map((name) => join(options.dir, name));
  if (options.only !== undefined) {
    files = files.filter((file) => tenantIdOfFile(file) === options.only);
    if (files.length === 0) {
      const available = names.map((name) => tenantIdOfFile(name)).join(', ') || 'none';
      throw new Error(`No tenant file for "${options.only}" in ${relative(root, options.dir) || '.'} (available: ${available})`);
    }
  }
  if (files.length === 0) throw new Error(`No tenant files (*.yaml) in ${options.dir}`);

  const tenants: TenantFile[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const shown = relative(root, file);
    const tenantId = tenantIdOfFile(file);
    if (!TENANT_ID_PATTERN.test(tenantId)) {
      problems.push(`${shown}: (file): the file name is the tenant id: use 1-30 lowercase letters, digits and dashes`);
      continue;
    }
    const result = await readTenantFile(file);
    if (!result.ok) {
      problems.push(...result.problems.map((problem) => (problem.startsWith(file) ? shown + problem.slice(file.length) : problem)));
      continue;
    }
    tenants.push({ tenantId, file: shown, regulations: result.regulations });
  }
  if (problems.length > 0) {
    throw new Error(`Invalid tenant file(s); nothing was synthesised:\n  ${problems.join('\n  ')}`);
  }
  return tenants;
}
