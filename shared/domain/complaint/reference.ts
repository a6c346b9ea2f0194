/** Human complaint references: KL-<year>-<six-digit sequence>, sequential per tenant and year. */
const REFERENCE_PATTERN = /^KL-(\d{4})-(\d{6,})$/;

export function formatReference(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `KL-${year}-${String(sequence).padStart(6, '0')}`;
}

export function isReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value);
}
