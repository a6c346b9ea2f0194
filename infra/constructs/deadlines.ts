/**
 * Deadlines: where the per-complaint one-time schedules live and what they may do.
 *
 * - a schedule group `klachten-<tenant>` that holds every deadline schedule;
 * - the Scheduler role: assumable only by scheduler.amazonaws.com for this account and group,
 *   allowed to invoke only the deadline-check function and to send failed deliveries to the DLQ;
 * - the dead-letter queue (SQS-managed encryption, TLS only) for deliveries that failed every retry
 *   (the Observability construct alarms as soon as it holds a message).
 *
 * Bind helpers: `bindConfiguration` sets the variables every function's config requires;
 * `grantScheduling` adds the permission to create and manage schedules in this group only.
 */
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { acknowledgeFinding, acknowledgeWildcardResource } from '../nag.ts';

/** What a function that creates deadline schedules may do to schedules in the group. */
export const SCHEDULE_ACTIONS = ['scheduler:CreateSchedule', 'scheduler:GetSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'] as const;

export interface DeadlinesProps {
  /** The tenant id; names the schedule group `klachten-<tenant>`. */
  readonly tenantId: string;
  /**
   * The deadline-check function, the only target schedules may invoke. It must have an explicit
   * functionName: its ARN goes into every function's environment, its own included, and a
   * function cannot reference its own ARN in CloudFormation.
   */
  readonly deadlineFunction: lambda.Function;
  /**
   * The daily safety net (missed deadlines, lost schedules, weekly digests), run every morning.
   * @default none (no sweep)
   */
  readonly sweeperFunction?: lambda.Function;
  /**
   * When the sweeper runs.
   * @default 05:15 UTC every day (06:15 or 07:15 in Amsterdam, before the working day)
   */
  readonly sweepSchedule?: events.Schedule;
  /**
   * How long failed schedule deliveries are kept in the dead-letter queue.
   * @default Duration.days(14) (the SQS maximum)
   */
  readonly deadLetterRetention?: Duration;
  /**
   * What happens to the schedule group (and every schedule in it) when it leaves the stack.
   * The daily sweeper recreates missing schedules from the register, which is retained.
   * @default RemovalPolicy.DESTROY
   */
  readonly scheduleGroupRemovalPolicy?: RemovalPolicy;
}

export class Deadlines extends Construct {
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerRole: iam.Role;
  readonly deadLetterQueue: sqs.Queue;
  /** The deadline-check function's ARN, built from its name (no reference to the function). */
  readonly deadlineFunctionArn: string;
  private readonly scheduleGroupName: string;

  /** The daily sweep, when a sweeper function is given. */
  readonly sweepRule?: events.Rule;

  constructor(scope: Construct, id: string, props: DeadlinesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const functionName = (props.deadlineFunction.node.defaultChild as lambda.CfnFunction | undefined)?.functionName;
    if (!functionName || Token.isUnresolved(functionName)) {
      throw new Error('Deadlines: the deadline function needs an explicit functionName (its ARN is built from it)');
    }
    this.deadlineFunctionArn = stack.formatArn({ service: 'lambda', resource: 'function', resourceName: functionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

    this.scheduleGroupName = `klachten-${props.tenantId}`;
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'Group', {
      scheduleGroupName: this.scheduleGroupName,
      removalPolicy: props.scheduleGroupRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.deadLetterRetention ?? Duration.days(14),
    });
    acknowledgeFinding(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself a dead-letter queue: every deadline schedule names it as its DeadLetterConfig ' +
        '(SCHEDULE_DLQ_ARN, set by the scheduler adapter at run time, so cdk-nag cannot see it). A queue ' +
        'behind a dead-letter queue would only move the same messages once more; its depth is alarmed instead.',
    );

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: `EventBridge Scheduler invokes the deadline check of tenant ${props.tenantId}`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': this.scheduleGroup.scheduleGroupArn,
        },
      }),
    });
    // The unqualified function only: grantInvoke would add `<arn>:*` (every version and alias), and
    // schedules always target DEADLINE_FUNCTION_ARN, the unqualified ARN.
    iam.Grant.addToPrincipal({ grantee: this.schedulerRole, actions: ['lambda:InvokeFunction'], resourceArns: [props.deadlineFunction.functionArn] });
    if (props.sweeperFunction) {
      this.sweepRule = new events.Rule(this, 'DailySweep', {
        description: `Daily deadline safety net for tenant ${props.tenantId}`,
        schedule: props.sweepSchedule ?? events.Schedule.cron({ minute: '15', hour: '5' }),
        targets: [new targets.LambdaFunction(props.sweeperFunction, { retryAttempts: 2 })],
      });
    }
    this.deadLetterQueue.grantSendMessages(this.schedulerRole);

    new CfnOutput(this, 'ScheduleGroupName', { value: this.scheduleGroupName, description: 'Schedule group of the deadline checks' }).overrideLogicalId('ScheduleGroupName');
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl, description: 'Failed deadline-check deliveries' }).overrideLogicalId('ScheduleDeadLetterQueueUrl');
  }

  /**
   * Sets what the scheduler adapter reads at cold start (SCHEDULE_GROUP, SCHEDULER_ROLE_ARN,
   * DEADLINE_FUNCTION_ARN, SCHEDULE_DLQ_ARN), without any permission: for functions that build
   * the adapter (shared composition root) but never call Scheduler.
   */
  bindConfiguration(fn: lambda.Function): void {
    fn.addEnvironment('SCHEDULE_GROUP', this.scheduleGroupName);
    fn.addEnvironment('SCHEDULER_ROLE_ARN', this.schedulerRole.roleArn);
    fn.addEnvironment('DEADLINE_FUNCTION_ARN', this.deadlineFunctionArn);
    fn.addEnvironment('SCHEDULE_DLQ_ARN', this.deadLetterQueue.queueArn);
  }

  /**
   * Lets `fn` create deadline schedules: the configuration above, SCHEDULE_ACTIONS on schedules
   * in this group only, and iam:PassRole on the Scheduler role only, to Scheduler only.
   */
  grantScheduling(fn: lambda.Function): void {
    this.bindConfiguration(fn);
    const schedulesInGroup = Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.scheduleGroupName}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    iam.Grant.addToPrincipal({ grantee: fn, actions: [...SCHEDULE_ACTIONS], resourceArns: [schedulesInGroup] });
    if (fn.role) {
      acknowledgeWildcardResource(
        fn.role,
        schedulesInGroup,
        'One schedule per complaint milestone, named at run time (<reference>.<milestone>.<kind>), so no ' +
          "schedule ARN is known at deploy time. The wildcard is confined to this tenant's own schedule group; " +
          'schedules in any other group, and the group itself, stay out of reach.',
      );
    }
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['iam:PassRole'],
      resourceArns: [this.schedulerRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
  }
}
