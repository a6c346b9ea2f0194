import type { Language, Regulation } from './schema.ts';
export function renderProcedureSummary(reg: Regulation, options: { lang?: Language; receivedAt?: Date } = {}): string {
  return `${reg.organisation.name} ${options.lang ?? ''}`;
}
