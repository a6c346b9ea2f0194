/** Bounces and spam reports from SES reach the complaint and the coordinator, once. */
import { beforeAll, beforeEach, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { registerComplaint } from '../../../../../shared/domain/complaint/register-complaint.ts';
import { recordMailEvent } from '../../../../../shared/domain/complaint/mail-events.ts';
import { deliverOutbox } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import type { OutgoingMail } from '../../../../../shared/domain/ports.ts';
import { FakeClock, InMemoryRegister } from '../../../../support/in-memory-register.ts';
import { singleVersion } from '../../../../../shared/domain/regulation/versions.ts';

let regulation: Regulation;
let register: InMemoryRegister;
let clock: FakeClock;
beforeAll(async () => {
  regulation = await loadRegulationFile('tenants/demo.yaml');
});
beforeEach(() => {
  register = new InMemoryRegister();
  clock = new FakeClock(new Date('2026-04-24T10:00:00+02:00'));
});

const deps = () => ({ register, clock, regulations: singleVersion(regulation) });
const bounce = (reference: string, messageId = 'ses-1', bounceType = 'Permanent') => ({
  eventType: 'Bounce',
  mail: { messageId, tags: { reference: [reference] }, destination: ['sanne@example.com'] },
  bounce: { bounceType, bouncedRecipients: [{ emailAddress: 'sanne@example.com' }] },
});

async function registered() {
  const { complaint } = await registerComplaint(deps(), { body: { complainant: { name: 'Sanne', email: 'sanne@example.com' }, description: 'Te laat.' } });
  return complaint.reference;
}

test('every letter carries its complaint, so a bounce can find its way back', async () => {
  const reference = await registered();
  const sent: OutgoingMail[] = [];
  await deliverOutbox({
    ...deps(),
    mailer: {
      send: async (m) => {
        sent.push(m);
        return `m${sent.length}`;
      },
    },
    scheduler: { ensure: async () => {}, remove: async () => {} },
  });
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.every((m) => m.reference === reference)).toBe(true);
});

test("a permanent bounce marks the complainant's address and tells the coordinator, once", async () => {
  const reference = await registered();
  expect(await recordMailEvent(deps(), bounce(reference))).toBe('recorded');
  const complaint = await register.get(reference);
  expect(complaint?.complainant.emailProblem).toMatchObject({ kind: 'bounce', messageId: 'ses-1' });
  const alerts = [...register.outbox.values()].filter((e) => e.action.kind === 'email' && e.action.letter === 'delivery-problem');
  expect(alerts.map((e) => e.action.kind === 'email' && e.action.to)).toEqual(['klachten@demo.example']);
  expect(await recordMailEvent(deps(), bounce(reference))).toBe('already-recorded');
  expect((await register.events(reference)).filter((e) => e.type === 'mail-undeliverable')).toHaveLength(1);
});

test('transient bounces, untagged mail and unknown complaints change nothing', async () => {
  const reference = await registered();
  expect(await recordMailEvent(deps(), bounce(reference, 'ses-2', 'Transient'))).toBe('ignored');
  expect(await recordMailEvent(deps(), { eventType: 'Bounce', mail: { messageId: 'x' }, bounce: { bounceType: 'Permanent' } })).toBe('ignored');
  expect(await recordMailEvent(deps(), bounce('KL-2026-999999'))).toBe('unknown-complaint');
  expect((await register.get(reference))?.complainant.emailProblem).toBeUndefined();
});

test('a spam report is recorded as a complaint about the mail', async () => {
  const reference = await registered();
  const outcome = await recordMailEvent(deps(), {
    eventType: 'Complaint',
    mail: { messageId: 'ses-3', tags: { reference: [reference] } },
    complaint: { complainedRecipients: [{ emailAddress: 'sanne@example.com' }] },
  });
  expect(outcome).toBe('recorded');
  expect((await register.get(reference))?.complainant.emailProblem?.kind).toBe('complaint');
});
