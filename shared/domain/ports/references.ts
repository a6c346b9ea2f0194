/** Reference numbers: the yearly counter, the numbers voided with a reason, and the gap check's ledger. */

export interface ReferenceStore {
  /** Allocates the next sequence number for a year: never returns the same number twice. */
  allocateSequence(year: number): Promise<number>;
  /** How many numbers the year's counter has handed out. */
  allocatedCount(year: number): Promise<number>;
  /** Records that a reference was allocated but not used, and why; nothing when it has a complaint. */
  voidReference(reference: string, reason: string): Promise<void>;
  /** Why a reference was voided, if it was. */
  voidReason(reference: string): Promise<string | undefined>;
  /** The year's numbers from `after` + 1 that have a complaint, with when each was registered. */
  registeredSince(year: number, after: number): Promise<Array<{ sequence: number; registeredAt: string }>>;
  /** Up to which number the year has been checked for gaps (0 when never). */
  gapsCheckedUpTo(year: number): Promise<number>;
  setGapsCheckedUpTo(year: number, upTo: number): Promise<void>;
}

/** What the gap check (complaint/reference-gaps.ts) reads and writes. */
export type ReferenceLedger = Omit<ReferenceStore, 'allocateSequence'>;
