/** Mailer in memory: every mail sent kept in order; `down` makes it fail as SES does when unreachable. */
import type { Mailer, OutgoingMail } from '../../../shared/domain/ports.ts';

export class RecordingMailer implements Mailer {
  sent: OutgoingMail[] = [];
  down = false;

  async send(mail: OutgoingMail): Promise<string> {
    if (this.down) throw new Error('SES unavailable');
    this.sent.push(mail);
    return `msg-${this.sent.length}`;
  }
}
