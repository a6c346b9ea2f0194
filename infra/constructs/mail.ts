/**
 * Mail: how the tenant's letters leave, and what comes back.
 *
 * - The SES identity the letters are sent from: the sender address's domain with Easy DKIM
 *   (2048-bit; the stack outputs the three CNAME records to publish), or the single address
 *   (SES mails it a verification link). When another stack already owns the identity (two
 *   tenants sending from one domain), `manageIdentity: false` only points at it.
 * - A configuration set `klachten-<tenant>` every letter is sent with (SES_CONFIGURATION_SET):
 *   TLS required to the receiving server, reputation metrics, the account's suppression list for
 *   bounces and complaints.
 * - Bounce and complaint handling: the set's event destination publishes bounces, complaints,
 *   rejects and rendering failures to the SNS topic `mailEventsTopic` (KMS-encrypted: the events
 *   carry recipient addresses), which staff subscribe to (`notifyEmails`) to hear that a letter
 *   did not arrive. Marking the recipient in the register needs a subscriber in the product code
 *   (see docs/deploy.md, "Bounces and complaints").
 *
 * `grantSend` stays the one way a function gets to send: SES_CONFIGURATION_SET, and
 * SendEmail/SendRawEmail on this identity and this configuration set only.
 */
import { ArnFormat, CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { topicPublisherStatement } from './tenant-key.ts';

/** The SES v1 calls the mailer makes (shared/adapters/ses-mailer.ts uses SendEmail). */
export const SEND_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'] as const;

/** What the configuration set reports to the mail-events topic: every way a letter can fail to arrive. */
export const MAIL_FAILURE_EVENTS: readonly ses.EmailSendingEvent[] = [
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.RENDERING_FAILURE,
];

export type MailIdentityKind = 'domain' | 'address';

export interface MailProps {
  /** The tenant id; names the configuration set `klachten-<tenant>` and the topic. */
  readonly tenantId: string;
  /** The From address of every letter: the regulation's organisation.senderAddress. */
  readonly senderAddress: string;
  /**
   * Which SES identity sends: the sender address's domain (DKIM-signed, any address at the
   * domain) or the single address (no DNS needed, no DKIM of your own).
   * @default 'domain'
   */
  readonly identity?: MailIdentityKind;
  /**
   * Whether this stack creates the identity. false when another stack in the same account and
   * region already has it (SES identities are unique per account and region): the grant then
   * points at that identity's ARN.
   * @default true
   */
  readonly manageIdentity?: boolean;
  /**
   * Name of the configuration set this construct creates (SES_CONFIGURATION_SET).
   * @default `klachten-<tenant>`
   */
  readonly configurationSetName?: string;
  /**
   * Deliver only over TLS to the receiving mail server; a server without TLS gets no letter
   * (SES retries, then reports a bounce). Letters carry personal data, so the default is on.
   * @default true
   */
  readonly requireTls?: boolean;
  /**
   * Addresses subscribed to the mail-events topic (bounces, complaints, rejects, rendering
   * failures), e.g. the complaints coordinator's. Each must confirm the subscription once.
   * @default none (subscribe later in the SNS console or CLI)
   */
  readonly notifyEmails?: readonly string[];
  /**
   * The KMS key the mail-events topic is encrypted with (the tenant's one key, TenantKey); SES is
   * allowed to use it for this topic's messages only.
   */
  readonly topicEncryptionKey: kms.Key;
}

/** The mail-events topic's name (a name, not a token: the key policy names the topic the key encrypts). */
export const mailEventsTopicName = (tenantId: string) => `klachten-${tenantId}-mail-events`;

const ADDRESS = /^[^\s@]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)$/;
const CONFIGURATION_SET = /^[A-Za-z0-9_-]{1,64}$/;

export class Mail extends Construct {
  /** The SES identity the letters are sent from, e.g. `demo.example`. */
  readonly identityName: string;
  readonly identityKind: MailIdentityKind;
  /** Its ARN in this stack's account and region. */
  readonly identityArn: string;
  /** The identity, when this stack manages it. */
  readonly emailIdentity?: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetName: string;
  /** Bounces, complaints, rejects and rendering failures of this tenant's letters. */
  readonly mailEventsTopic: sns.Topic;
  private readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const match = ADDRESS.exec(props.senderAddress);
    if (!match) throw new Error(`Mail: senderAddress "${props.senderAddress}" is not an e-mail address`);
    this.identityKind = props.identity ?? 'domain';
    this.identityName = this.identityKind === 'domain' ? match[1]!.toLowerCase() : props.senderAddress;
    this.configurationSetName = props.configurationSetName ?? `klachten-${props.tenantId}`;
    if (!CONFIGURATION_SET.test(this.configurationSetName)) {
      throw new Error(`Mail: configurationSetName "${this.configurationSetName}" must be 1-64 letters, digits, _ or -`);
    }
    for (const email of props.notifyEmails ?? []) {
      if (!ADDRESS.test(email)) throw new Error(`Mail: notifyEmails: "${email}" is not an e-mail address`);
    }

    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.identityName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    this.configurationSetArn = stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSetName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: this.configurationSetName,
      tlsPolicy: (props.requireTls ?? true) ? ses.ConfigurationSetTlsPolicy.REQUIRE : ses.ConfigurationSetTlsPolicy.OPTIONAL,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    const key = props.topicEncryptionKey;
    // SES publishes to the encrypted topic, so it needs data keys of this key (the statement SES
    // documents for encrypted topics), for this account only and this topic's messages only (the
    // key is the tenant's one key: not a table item, not a file). Who may publish is the topic
    // policy's business: only this account's configuration set `configurationSetName` (added by
    // addEventDestination below).
    key.addToResourcePolicy(topicPublisherStatement(this, { sid: 'SesPublishesMailEvents', service: 'ses.amazonaws.com', topicName: mailEventsTopicName(props.tenantId) }));
    this.mailEventsTopic = new sns.Topic(this, 'EventsTopic', {
      topicName: mailEventsTopicName(props.tenantId),
      displayName: `Klachtenregister ${props.tenantId}: letters that did not arrive`,
      masterKey: key,
      enforceSSL: true,
    });
    for (const email of props.notifyEmails ?? []) this.mailEventsTopic.addSubscription(new subscriptions.EmailSubscription(email));
    this.configurationSet.addEventDestination('Failures', {
      destination: ses.EventDestination.snsTopic(this.mailEventsTopic),
      events: [...MAIL_FAILURE_EVENTS],
    });

    if (props.manageIdentity ?? true) {
      this.emailIdentity = new ses.EmailIdentity(this, 'Identity', {
        identity: this.identityKind === 'domain' ? ses.Identity.domain(this.identityName) : ses.Identity.email(this.identityName),
        configurationSet: this.configurationSet,
        ...(this.identityKind === 'domain' ? { dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT) } : {}),
        dkimSigning: this.identityKind === 'domain',
        feedbackForwarding: true,
      });
      if (this.identityKind === 'domain') {
        this.emailIdentity.dkimRecords.forEach((record, i) => {
          new CfnOutput(this, `DkimRecord${i + 1}`, {
            value: `${record.name} CNAME ${record.value}`,
            description: `DKIM record ${i + 1} of 3 to publish in the DNS of ${this.identityName}`,
          }).overrideLogicalId(`DkimRecord${i + 1}`);
        });
      }
    }

    new CfnOutput(this, 'SenderIdentity', {
      value: this.identityName,
      description: `SES identity the letters are sent from (${this.identityKind}${props.manageIdentity === false ? ', owned by another stack' : ''})`,
    }).overrideLogicalId('SenderIdentity');
    new CfnOutput(this, 'ConfigurationSetName', { value: this.configurationSetName, description: 'SES configuration set of every letter' }).overrideLogicalId('ConfigurationSetName');
    new CfnOutput(this, 'MailEventsTopicArn', { value: this.mailEventsTopic.topicArn, description: 'Bounces and complaints of the letters: subscribe staff here' }).overrideLogicalId(
      'MailEventsTopicArn',
    );
  }

  /**
   * Lets `fn` send letters: SES_CONFIGURATION_SET, and SEND_ACTIONS on the tenant's identity and
   * on the configuration set (SES authorises both).
   */
  grantSend(fn: lambda.Function): void {
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSetName);
    iam.Grant.addToPrincipal({ grantee: fn, actions: [...SEND_ACTIONS], resourceArns: [this.identityArn, this.configurationSetArn] });
  }
}
