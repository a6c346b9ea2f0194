/** StatusLinkStore and DigestStore in memory (contract: tests/contract/status-links.test.ts). */
import { ConflictError } from '../../../shared/domain/errors.ts';
import type { ComplaintWrite, DigestStore, StatusLinkLookup, StatusLinkStore } from '../../../shared/domain/ports.ts';
import { MemoryTable } from './memory-table.ts';

export class InMemoryStatusLinkStore implements StatusLinkStore {
  constructor(readonly table = new MemoryTable()) {}

  async findStatusLink(tokenHash: string): Promise<StatusLinkLookup | undefined> {
    const pointer = this.table.tokens.get(tokenHash);
    if (!pointer) return undefined;
    if (pointer.replacedAt) return { replacedAt: pointer.replacedAt };
    const complaint = this.table.complaints.get(pointer.reference);
    return complaint ? { complaint: this.table.copy(complaint) } : undefined;
  }

  async replaceStatusLink(write: ComplaintWrite, link: { oldHash?: string; newHash: string }) {
    this.table.checkChange(write);
    if (this.table.tokens.has(link.newHash)) throw new ConflictError('the complaint was changed by someone else; reload and try again', true);
    this.table.applyChange(write);
    const { reference, at } = write.event;
    this.table.tokens.set(link.newHash, { reference });
    if (link.oldHash) this.table.tokens.set(link.oldHash, { reference, replacedAt: at });
  }
}

export class InMemoryDigestStore implements DigestStore {
  constructor(readonly table = new MemoryTable()) {}

  async claimDigest(week: string, recipient: string, now: Date, leaseUntil: Date) {
    const key = `${week}/${recipient.toLowerCase()}`;
    const marker = this.table.digests.get(key);
    if (marker && !(marker.state === 'sending' && (marker.leaseUntil ?? '') < now.toISOString())) return false;
    this.table.digests.set(key, { state: 'sending', leaseUntil: leaseUntil.toISOString() });
    return true;
  }

  async completeDigest(week: string, recipient: string, detail: string) {
    this.table.digests.set(`${week}/${recipient.toLowerCase()}`, { state: 'sent', detail });
  }

  async releaseDigest(week: string, recipient: string) {
    const marker = this.table.digests.get(`${week}/${recipient.toLowerCase()}`);
    if (marker) marker.leaseUntil = new Date(0).toISOString();
  }
}
