/**
 * A synthesised CloudFormation template, read the way CloudFormation would deploy it into the
 * rehearsal's fake account and region: every resource gets a physical id (its explicit name, or
 * one made up the way CloudFormation makes them), and Ref, Fn::GetAtt, Fn::Join, Fn::Sub,
 * Fn::Select and Fn::Split resolve to those ids, so the functions' environment and the IAM policy
 * documents name the same table, bucket, key, role and schedule group ARNs.
 *
 * Anything it cannot resolve (an attribute it does not know, Fn::ImportValue, a condition) is an
 * error naming the resource and the expression: the rehearsal fails rather than guess.
 */
import { createHash } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CfnResource {
  Type: string;
  Properties?: JsonObject;
  DependsOn?: string | string[];
  Metadata?: JsonObject;
  Condition?: string;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, { Type: string; Default?: Json; NoEcho?: boolean }>;
  Conditions?: JsonObject;
  Outputs?: JsonObject;
}

/** The fake AWS environment the rehearsal deploys into. */
export interface FakeEnvironment {
  account: string;
  region: string;
  stackName: string;
  /** Values for template parameters without a default (e.g. a NoEcho secret). */
  parameters?: Record<string, string>;
}

export const PARTITION = 'aws';
export const URL_SUFFIX = 'amazonaws.com';

/** What Ref and Fn::GetAtt of one resource give. */
export interface PhysicalResource {
  logicalId: string;
  type: string;
  ref: string;
  attributes: Record<string, string>;
  /** The resource's ARN when it has one (also an attribute for most types). */
  arn?: string;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

const AWS_NO_VALUE = Symbol('AWS::NoValue');

/** Resolves intrinsic functions of one template in one fake environment. */
export class TemplateResolver {
  readonly resources: ReadonlyMap<string, PhysicalResource>;
  private readonly byValue = new Map<string, string>();

  constructor(
    readonly template: CfnTemplate,
    readonly env: FakeEnvironment,
  ) {
    if (template.Conditions && Object.keys(template.Conditions).length) {
      throw new TemplateError(`the template has Conditions (${Object.keys(template.Conditions).join(', ')}): the rehearsal does not evaluate them`);
    }
    // Filled in template order: a name that refers to another resource needs it named first.
    const resources = new Map<string, PhysicalResource>();
    this.resources = resources;
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Condition) throw new TemplateError(`${logicalId}: resources with a Condition are not rehearsed`);
      resources.set(
        logicalId,
        physicalResource(logicalId, resource, env, (value) => this.resolveString(value, `${logicalId} (its name)`)),
      );
    }
    for (const resource of resources.values()) {
      this.byValue.set(resource.ref, `Ref ${resource.logicalId}`);
      for (const [name, value] of Object.entries(resource.attributes)) this.byValue.set(value, `Fn::GetAtt ${resource.logicalId}.${name}`);
    }
  }

  /** The resource with this logical id. */
  resource(logicalId: string): PhysicalResource {
    const found = this.resources.get(logicalId);
    if (!found) throw new TemplateError(`no resource ${logicalId} in the template`);
    return found;
  }

  /** `Fn::GetAtt X.Arn`-style description of a resolved value, when it is one resource's id or attribute. */
  describe(value: string): string | undefined {
    return this.byValue.get(value);
  }

  /** Resolves every intrinsic function in `value`; `where` names it in errors. */
  resolve(value: Json | undefined, where: string): Json {
    const resolved = this.resolveAny(value ?? null, where);
    return resolved === AWS_NO_VALUE ? null : resolved;
  }

  /** Resolves to a string, or throws naming `where`. */
  resolveString(value: Json | undefined, where: string): string {
    const resolved = this.resolve(value, where);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new TemplateError(`${where}: expected a string, got ${JSON.stringify(resolved)}`);
  }

  /** A list of strings (one string, or an array of them). */
  resolveStrings(value: Json | undefined, where: string): string[] {
    const resolved = this.resolve(value, where);
    if (resolved === null) return [];
    const list = Array.isArray(resolved) ? resolved : [resolved];
    return list.map((item, i) => {
      if (typeof item !== 'string') throw new TemplateError(`${where}[${i}]: expected a string, got ${JSON.stringify(item)}`);
      return item;
    });
  }

  private resolveAny(value: Json, where: string): Json | typeof AWS_NO_VALUE {
    if (Array.isArray(value)) {
      return value.map((item, i) => this.resolveAny(item, `${where}[${i}]`)).filter((item): item is Json => item !== AWS_NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return this.intrinsic(keys[0]!, value[keys[0]!]!, where);
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = this.resolveAny(item, `${where}.${key}`);
      if (resolved !== AWS_NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  private intrinsic(name: string, argument: Json, where: string): Json | typeof AWS_NO_VALUE {
    switch (name) {
      case 'Ref':
        if (typeof argument !== 'string') throw new TemplateError(`${where}: Ref of ${JSON.stringify(argument)}`);
        if (argument === 'AWS::NoValue') return AWS_NO_VALUE;
        return this.ref(argument, where);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof argument === 'string' ? splitOnce(argument, '.') : Array.isArray(argument) ? [argument[0], argument[1]] : [undefined, undefined];
        if (typeof logicalId !== 'string' || typeof attribute !== 'string') throw new TemplateError(`${where}: Fn::GetAtt of ${JSON.stringify(argument)}`);
        const resource = this.resources.get(logicalId);
        if (!resource) throw new TemplateError(`${where}: Fn::GetAtt of an unknown resource ${logicalId}`);
        const found = resource.attributes[attribute];
        if (found === undefined) throw new TemplateError(`${where}: Fn::GetAtt ${logicalId}.${attribute}: the rehearsal does not know attribute ${attribute} of ${resource.type}`);
        return found;
      }
      case 'Fn::Join': {
        if (!Array.isArray(argument) || typeof argument[0] !== 'string' || !Array.isArray(argument[1])) throw new TemplateError(`${where}: malformed Fn::Join`);
        const parts = this.resolveAny(argument[1], where);
        if (!Array.isArray(parts)) throw new TemplateError(`${where}: Fn::Join of a non-list`);
        return parts.map((part) => this.scalar(part, where)).join(argument[0]);
      }
      case 'Fn::Sub': {
        const [text, variables] = typeof argument === 'string' ? [argument, {}] : Array.isArray(argument) ? [argument[0], argument[1] ?? {}] : [undefined, undefined];
        if (typeof text !== 'string' || !variables || typeof variables !== 'object' || Array.isArray(variables)) throw new TemplateError(`${where}: malformed Fn::Sub`);
        return text.replace(/\$\{(!?)([^}]+)\}/g, (_all, literal: string, name: string) => {
          if (literal) return `\${${name}}`;
          if (name in variables) return this.scalar(this.resolveAny((variables as JsonObject)[name]!, where) as Json, where);
          if (name.includes('.')) return this.scalar(this.intrinsic('Fn::GetAtt', name, where) as Json, where);
          return this.ref(name, where);
        });
      }
      case 'Fn::Select': {
        if (!Array.isArray(argument)) throw new TemplateError(`${where}: malformed Fn::Select`);
        const index = Number(this.resolveAny(argument[0]!, where));
        const list = this.resolveAny(argument[1]!, where);
        if (!Array.isArray(list) || !(index >= 0 && index < list.length)) throw new TemplateError(`${where}: Fn::Select ${index} out of range`);
        return list[index]!;
      }
      case 'Fn::Split': {
        if (!Array.isArray(argument) || typeof argument[0] !== 'string') throw new TemplateError(`${where}: malformed Fn::Split`);
        return this.scalar(this.resolveAny(argument[1]!, where) as Json, where).split(argument[0]);
      }
      default:
        throw new TemplateError(`${where}: ${name} is not something the rehearsal can resolve offline`);
    }
  }

  private ref(name: string, where: string): string {
    switch (name) {
      case 'AWS::AccountId':
        return this.env.account;
      case 'AWS::Region':
        return this.env.region;
      case 'AWS::Partition':
        return PARTITION;
      case 'AWS::URLSuffix':
        return URL_SUFFIX;
      case 'AWS::StackName':
        return this.env.stackName;
      case 'AWS::StackId':
        return `arn:${PARTITION}:cloudformation:${this.env.region}:${this.env.account}:stack/${this.env.stackName}/00000000-0000-4000-8000-000000000000`;
    }
    const parameter = this.template.Parameters?.[name];
    if (parameter) {
      const given = this.env.parameters?.[name] ?? (parameter.Default !== undefined ? String(parameter.Default) : undefined);
      if (given === undefined) throw new TemplateError(`${where}: parameter ${name} has no default; give the rehearsal a value for it`);
      return given;
    }
    const resource = this.resources.get(name);
    if (!resource) throw new TemplateError(`${where}: Ref of an unknown resource or parameter ${name}`);
    return resource.ref;
  }

  private scalar(value: Json | typeof AWS_NO_VALUE, where: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new TemplateError(`${where}: expected a string, got ${JSON.stringify(value)}`);
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/** A short stable hex id from the logical id (CloudFormation's suffixes are random; these stay the same per run). */
function stableId(logicalId: string, length = 12): string {
  return createHash('sha256').update(logicalId).digest('hex').slice(0, length);
}

/** `<stack>-<logical id>-<suffix>`, as CloudFormation names what the template does not name. */
function generatedName(env: FakeEnvironment, logicalId: string, maxLength = 64, lowercase = false): string {
  const suffix = stableId(logicalId, 8).toUpperCase();
  const stem = `${env.stackName}-${logicalId}`.slice(0, Math.max(1, maxLength - suffix.length - 1));
  const name = `${stem}-${suffix}`;
  return lowercase ? name.toLowerCase() : name;
}

function physicalResource(logicalId: string, resource: CfnResource, env: FakeEnvironment, nameOf: (value: Json | undefined) => string): PhysicalResource {
  const p = resource.Properties ?? {};
  const { account, region } = env;
  const arn = (service: string, rest: string, withRegion = true, withAccount = true) => `arn:${PARTITION}:${service}:${withRegion ? region : ''}:${withAccount ? account : ''}:${rest}`;
  const named = (property: string, fallback: () => string) => (p[property] !== undefined ? nameOf(p[property]) : fallback());
  const make = (ref: string, attributes: Record<string, string> = {}, resourceArn?: string): PhysicalResource => ({
    logicalId,
    type: resource.Type,
    ref,
    attributes,
    ...(resourceArn ? { arn: resourceArn } : {}),
  });

  switch (resource.Type) {
    case 'AWS::DynamoDB::Table': {
      const name = named('TableName', () => generatedName(env, logicalId, 255));
      const tableArn = arn('dynamodb', `table/${name}`);
      return make(name, { Arn: tableArn, StreamArn: `${tableArn}/stream/2026-01-01T00:00:00.000` }, tableArn);
    }
    case 'AWS::S3::Bucket': {
      const name = named('BucketName', () => generatedName(env, logicalId, 63, true));
      const bucketArn = `arn:${PARTITION}:s3:::${name}`;
      return make(name, { Arn: bucketArn, DomainName: `${name}.s3.${URL_SUFFIX}`, RegionalDomainName: `${name}.s3.${region}.${URL_SUFFIX}` }, bucketArn);
    }
    case 'AWS::KMS::Key': {
      const id = uuidOf(logicalId);
      const keyArn = arn('kms', `key/${id}`);
      return make(id, { Arn: keyArn, KeyId: id }, keyArn);
    }
    case 'AWS::KMS::Alias':
      return make(named('AliasName', () => `alias/${logicalId}`));
    case 'AWS::IAM::Role': {
      const name = named('RoleName', () => generatedName(env, logicalId, 64));
      const roleArn = `arn:${PARTITION}:iam::${account}:role${p.Path && typeof p.Path === 'string' ? p.Path : '/'}${name}`;
      return make(name, { Arn: roleArn, RoleId: `AROA${stableId(logicalId, 17).toUpperCase()}` }, roleArn);
    }
    case 'AWS::IAM::ManagedPolicy': {
      const name = named('ManagedPolicyName', () => generatedName(env, logicalId, 128));
      const policyArn = `arn:${PARTITION}:iam::${account}:policy/${name}`;
      return make(policyArn, { PolicyArn: policyArn }, policyArn);
    }
    case 'AWS::IAM::Policy':
      return make(named('PolicyName', () => generatedName(env, logicalId, 128)));
    case 'AWS::Lambda::Function': {
      const name = named('FunctionName', () => generatedName(env, logicalId, 64));
      const functionArn = arn('lambda', `function:${name}`);
      return make(name, { Arn: functionArn }, functionArn);
    }
    case 'AWS::SQS::Queue': {
      const name = named('QueueName', () => generatedName(env, logicalId, 80));
      const url = `https://sqs.${region}.${URL_SUFFIX}/${account}/${name}`;
      const queueArn = arn('sqs', name);
      return make(url, { Arn: queueArn, QueueName: name, QueueUrl: url }, queueArn);
    }
    case 'AWS::SNS::Topic': {
      const name = named('TopicName', () => generatedName(env, logicalId, 256));
      const topicArn = arn('sns', name);
      return make(topicArn, { TopicArn: topicArn, TopicName: name }, topicArn);
    }
    case 'AWS::SecretsManager::Secret': {
      const name = named('Name', () => generatedName(env, logicalId, 256));
      const secretArn = arn('secretsmanager', `secret:${name}-${stableId(logicalId, 6)}`);
      return make(secretArn, { Id: secretArn }, secretArn);
    }
    case 'AWS::Scheduler::ScheduleGroup': {
      const name = named('Name', () => generatedName(env, logicalId, 64));
      const groupArn = arn('scheduler', `schedule-group/${name}`);
      return make(name, { Arn: groupArn }, groupArn);
    }
    case 'AWS::Events::Rule': {
      const name = named('Name', () => generatedName(env, logicalId, 64));
      const ruleArn = arn('events', `rule/${name}`);
      return make(name, { Arn: ruleArn }, ruleArn);
    }
    case 'AWS::Logs::LogGroup': {
      const name = named('LogGroupName', () => generatedName(env, logicalId, 512));
      const groupArn = arn('logs', `log-group:${name}:*`);
      return make(name, { Arn: groupArn }, groupArn);
    }
    case 'AWS::Cognito::UserPool': {
      const id = `${region}_${stableId(logicalId, 9)}`;
      const poolArn = arn('cognito-idp', `userpool/${id}`);
      return make(id, { Arn: poolArn, UserPoolId: id, ProviderName: `cognito-idp.${region}.${URL_SUFFIX}/${id}`, ProviderURL: `https://cognito-idp.${region}.${URL_SUFFIX}/${id}` }, poolArn);
    }
    case 'AWS::Cognito::UserPoolClient': {
      const id = stableId(logicalId, 26);
      return make(id, { ClientId: id });
    }
    case 'AWS::ApiGatewayV2::Api': {
      const id = stableId(logicalId, 10);
      return make(id, { ApiId: id, ApiEndpoint: `https://${id}.execute-api.${region}.${URL_SUFFIX}` });
    }
    case 'AWS::SES::ConfigurationSet':
      return make(named('Name', () => generatedName(env, logicalId, 64)));
    case 'AWS::SES::EmailIdentity':
      return make(named('EmailIdentity', () => logicalId));
    case 'AWS::GuardDuty::MalwareProtectionPlan': {
      const id = stableId(logicalId, 20);
      return make(id, { Arn: arn('guardduty', `malware-protection-plan/${id}`), MalwareProtectionPlanId: id });
    }
    case 'AWS::CloudWatch::Alarm': {
      const name = named('AlarmName', () => generatedName(env, logicalId, 255));
      const alarmArn = arn('cloudwatch', `alarm:${name}`);
      return make(name, { Arn: alarmArn }, alarmArn);
    }
    default:
      // Ref of anything else is an opaque id; any attribute of it is an error when used.
      return make(`${logicalId}-${stableId(logicalId, 8)}`);
  }
}

function uuidOf(logicalId: string): string {
  const hex = stableId(logicalId, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
