/**
 * What public intake answers: the reference, the deadlines the complaint got, and (once, at
 * registration) the private status link. A replay says where the link went instead: only its hash
 * is stored.
 */
import type { ComplaintRecord } from './model.ts';

export function receiptView(complaint: ComplaintRecord, replayed: boolean, statusToken: string | undefined, statusBaseUrl: string | undefined) {
  return {
    reference: complaint.reference,
    ...(statusToken && statusBaseUrl ? { statusUrl: `${statusBaseUrl}/${statusToken}`, statusPage: `${statusBaseUrl}/${statusToken}/pagina` } : {}),
    ...(replayed ? { statusUrl: null, statusPage: null, note: 'the private status link was sent with the acknowledgement' } : {}),
    receivedAt: complaint.receivedAt,
    status: complaint.status,
    deadlines: complaint.milestones.map((m) => ({ milestone: m.milestoneId, label: m.label[complaint.complainant.language], due: m.due, rule: m.citation })),
  };
}
