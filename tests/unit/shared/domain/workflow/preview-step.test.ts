/**
 * A step's preview composes the letters exactly as the outbox drain sends them, and changes
 * nothing; a sent letter is kept as it went out, less the private status token.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { deliverOutbox } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import { previewStep } from '../../../../../shared/domain/workflow/preview-step.ts';
import { keptLetter } from '../../../../../shared/domain/letters/outbox-letter.ts';
import { ConflictError, NotFoundError } from '../../../../../shared/domain/errors.ts';
import { STATUS_TOKEN_REDACTED } from '../../../../../shared/domain/ports.ts';
import { handlerRef, rejection, workflow, type Workflow } from '../../../../support/workflow-harness.ts';
import { RecordingMailer } from '../../../../support/fakes/mailer.ts';

let flow: Workflow;
let mailer: RecordingMailer;
const STATUS_BASE = 'https://klachten.demo.example/status';
const drain = () =>
  deliverOutbox({ register: flow.register, clock: flow.clock, regulations: flow.regulations, mailer, scheduler: { ensure: async () => {}, remove: async () => {} }, statusBaseUrl: STATUS_BASE }, 100);

beforeEach(async () => {
  flow = await workflow('demo');
  mailer = new RecordingMailer();
});

describe('a sent letter is kept as it went out', () => {
  test('subject, text, HTML, address, time and message id on the delivered entry; the status token is never kept', async () => {
    const reference = await flow.submit();
    await drain();
    const acknowledgement = mailer.sent.find((m) => m.to === 'sanne@example.com')!;
    const token = /status\/([A-Za-z0-9_-]{43})\/pagina/.exec(acknowledgement.text)![1]!;
    const entry = [...flow.register.outbox.values()].find((o) => o.reference === reference && o.action.kind === 'email' && o.action.to === 'sanne@example.com')!;
    expect(entry.sent).toMatchObject({ to: 'sanne@example.com', subject: acknowledgement.subject, messageId: expect.stringMatching(/^msg-\d+$/), sentAt: flow.clock.now().toISOString() });
    expect(entry.sent!.text).toBe(acknowledgement.text.split(token).join(STATUS_TOKEN_REDACTED));
    expect(entry.sent!.html).toBe(acknowledgement.html.split(token).join(STATUS_TOKEN_REDACTED));
    expect(JSON.stringify(entry.sent)).not.toContain(token);
    expect(entry.sent!.text).toContain(`${STATUS_BASE}/${STATUS_TOKEN_REDACTED}/pagina`);
  });

  test('without a token nothing changes', () => {
    const letter = { to: 'a@b.nl', subject: 's', text: 't', html: '<p>h</p>', sentAt: 'x', messageId: 'm' };
    expect(keptLetter(letter)).toBe(letter);
    expect(keptLetter(letter, 'zzz')).toEqual(letter);
  });
});

describe("a step's preview", () => {
  test('the letters the step will send, composed as the drain sends them; nothing recorded, queued or sent', async () => {
    const reference = await flow.submit();
    await drain();
    const before = { complaint: await flow.get(reference), outbox: flow.register.outbox.size, events: (await flow.register.events(reference)).length, mails: mailer.sent.length };
    const body = { handler: handlerRef(flow.handler1) };
    const preview = await previewStep(
      { register: flow.register, clock: flow.clock, regulations: flow.regulations, statusBaseUrl: STATUS_BASE },
      { step: 'assign', reference, body, actor: flow.coordinator },
    );
    expect(preview.event).toMatchObject({ type: 'assigned', seq: before.complaint.version + 1 });
    expect(preview.status).toBe('assigned');
    expect(preview.letters.length).toBeGreaterThan(0);
    expect(await flow.get(reference)).toEqual(before.complaint);
    expect({ outbox: flow.register.outbox.size, events: (await flow.register.events(reference)).length, mails: mailer.sent.length }).toEqual({
      outbox: before.outbox,
      events: before.events,
      mails: before.mails,
    });

    await flow.step(reference, 'assign', body, flow.coordinator);
    await drain();
    const sent = mailer.sent.slice(before.mails);
    for (const letter of preview.letters) {
      const mail = sent.find((m) => m.to === letter.to && m.subject === letter.subject);
      expect(mail, `${letter.letter} to ${letter.to}`).toBeDefined();
      expect({ text: letter.text, html: letter.html }).toEqual({ text: mail!.text, html: mail!.html });
    }
    expect(sent.length).toBe(preview.letters.length);
  });

  test("the step's own checks: not now is a conflict, an unknown step or another's complaint not found, a bad body invalid", async () => {
    const reference = await flow.submit();
    await drain();
    const deps = { register: flow.register, clock: flow.clock, regulations: flow.regulations };
    expect(await rejection(previewStep(deps, { step: 'objection-decision', reference, body: { outcome: 'founded', reasoning: 'x' }, actor: flow.coordinator }))).toBeInstanceOf(ConflictError);
    expect(await rejection(previewStep(deps, { step: 'no-such-step', reference, body: {}, actor: flow.coordinator }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(previewStep(deps, { step: 'note', reference, body: { text: 'x' }, actor: flow.handler1 }))).toBeInstanceOf(NotFoundError);
    expect((await rejection(previewStep(deps, { step: 'assign', reference, body: { handler: 'nobody' }, actor: flow.coordinator }))).name).toBe('InvalidInputError');
  });
});
