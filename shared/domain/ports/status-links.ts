/** The status links' token pointers (by the token's hash, never the token), and the weekly digests' send markers. */
import type { ComplaintRecord } from '../complaint/model.ts';
import type { ComplaintWrite } from './complaints.ts';

/** What a token leads to in the register: its complaint, or a pointer a reissue replaced. */
export type StatusLinkLookup = { complaint: ComplaintRecord } | { replacedAt: string };

export interface StatusLinkStore {
  /** What a status-link token (by its hash) leads to; undefined for an unknown (or expired) one. */
  findStatusLink(tokenHash: string): Promise<StatusLinkLookup | undefined>;
  /**
   * In one transaction, guarded by the complaint's version: the write (as appendEvent), the new
   * token's pointer, and the old token's pointer marked replaced.
   */
  replaceStatusLink(write: ComplaintWrite, link: { oldHash?: string; newHash: string }): Promise<void>;
}

/** Who got this week's digest: one marker per week and recipient, claimed before sending. */
export interface DigestStore {
  /** Takes the right to send one digest: true when nobody sent it and nobody is sending it now. */
  claimDigest(week: string, recipient: string, now: Date, leaseUntil: Date): Promise<boolean>;
  completeDigest(week: string, recipient: string, detail: string): Promise<void>;
  /** A failed send lets the next sweep try again. */
  releaseDigest(week: string, recipient: string): Promise<void>;
}
