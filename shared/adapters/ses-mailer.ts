/** Mailer on SES (v1 SendEmail): one call per letter, the SES message id returned. */
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Mailer, OutgoingMail } from '../domain/ports.ts';

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESClient,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: OutgoingMail): Promise<string> {
    const result = await this.client.send(
      new SendEmailCommand({
        Source: mail.from,
        Destination: { ToAddresses: [mail.to] },
        ...(mail.replyTo ? { ReplyToAddresses: [mail.replyTo] } : {}),
        Message: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        // Bounce and complaint notifications carry the tags: they name the complaint.
        ...(mail.reference ? { Tags: [{ Name: 'reference', Value: mail.reference }] } : {}),
      }),
    );
    if (!result.MessageId) throw new Error('SES accepted the message without a message id');
    return result.MessageId;
  }
}
