/**
 * Mail: permission to send the tenant's letters through SES from its own sender identity only.
 *
 * The identity itself is verified outside the stack for now (SES console or CLI); issue 6 moves
 * it into this construct (domain identity with DKIM, configuration set, bounce handling), and
 * `grantSend` stays the one way a function gets to send.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** The SES v1 calls the mailer makes (shared/adapters/ses-mailer.ts uses SendEmail). */
export const SEND_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'] as const;

export type MailIdentityKind = 'domain' | 'address';

export interface MailProps {
  /** The From address of every letter: the regulation's organisation.senderAddress. */
  readonly senderAddress: string;
  /**
   * Which verified SES identity sends: the sender address's domain (recommended: DKIM, and any
   * address at the domain) or the single address.
   * @default 'domain'
   */
  readonly identity?: MailIdentityKind;
  /**
   * Name of an existing SES configuration set every letter is sent with (SES_CONFIGURATION_SET).
   * @default none
   */
  readonly configurationSetName?: string;
}

const ADDRESS = /^[^\s@]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)$/;
const CONFIGURATION_SET = /^[A-Za-z0-9_-]{1,64}$/;

export class Mail extends Construct {
  /** The SES identity the letters are sent from, e.g. `demo.example`. */
  readonly identityName: string;
  /** Its ARN in this stack's account and region. */
  readonly identityArn: string;
  readonly configurationSetName: string | undefined;
  private readonly configurationSetArn: string | undefined;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const match = ADDRESS.exec(props.senderAddress);
    if (!match) throw new Error(`Mail: senderAddress "${props.senderAddress}" is not an e-mail address`);
    const kind = props.identity ?? 'domain';
    this.identityName = kind === 'domain' ? match[1]!.toLowerCase() : props.senderAddress;
    if (props.configurationSetName !== undefined && !CONFIGURATION_SET.test(props.configurationSetName)) {
      throw new Error(`Mail: configurationSetName "${props.configurationSetName}" must be 1-64 letters, digits, _ or -`);
    }
    this.configurationSetName = props.configurationSetName;

    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.identityName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    this.configurationSetArn = props.configurationSetName
      ? stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })
      : undefined;
  }

  /**
   * Lets `fn` send letters: SEND_ACTIONS on the tenant's identity (and on the configuration set,
   * which SES authorises too), and SES_CONFIGURATION_SET when one is configured.
   */
  grantSend(fn: lambda.Function): void {
    if (this.configurationSetName) fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSetName);
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: [...SEND_ACTIONS],
      resourceArns: this.configurationSetArn ? [this.identityArn, this.configurationSetArn] : [this.identityArn],
    });
  }
}
