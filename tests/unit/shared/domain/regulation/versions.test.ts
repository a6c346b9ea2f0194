/**
 * versionInForce decides from the UTC day when the versions in force the day before and the day
 * after agree (no time-zone rules needed at a cold start), and from the organisation's local day
 * near a change: the answer must be the local day's in both cases, in any zone.
 */
import { expect, test } from 'vitest';
import { localDateOf } from '../../../../../shared/domain/calendar/index.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/schema.ts';
import { versionInForce, type RegulationVersions } from '../../../../../shared/domain/regulation/versions.ts';

function versions(timeZone: string, ...starts: string[]): RegulationVersions {
  const list = starts.map((effectiveFrom, i) => ({ id: 't', version: `v${i + 1}`, effectiveFrom, organisation: { timeZone } }) as unknown as Regulation);
  return { id: 't', versions: list };
}

/** What it must be: the last version whose effectiveFrom is on or before the local day (else the first). */
function expected(regulations: RegulationVersions, at: Date): string {
  const day = localDateOf(at, regulations.versions[0]!.organisation.timeZone);
  return [...regulations.versions].reverse().find((r) => r.effectiveFrom <= day)?.version ?? regulations.versions[0]!.version;
}

test('around a change the local day decides: midnight in Amsterdam, not in UTC', () => {
  const regulations = versions('Europe/Amsterdam', '2024-01-01', '2026-06-01');
  expect(versionInForce(regulations, new Date('2026-05-31T21:59:59Z')).version).toBe('v1'); // 23:59:59 local, 31 May
  expect(versionInForce(regulations, new Date('2026-05-31T22:00:00Z')).version).toBe('v2'); // 00:00 local, 1 June
  expect(versionInForce(regulations, new Date('2023-06-01T12:00:00Z')).version).toBe('v1'); // before the first: the first
});

test('every hour over two years, in zones east and west of UTC, agrees with the local day', () => {
  for (const zone of ['Europe/Amsterdam', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'UTC']) {
    const regulations = versions(zone, '2025-03-30', '2025-10-26', '2026-01-01', '2026-01-02');
    for (let ms = Date.UTC(2024, 11, 1); ms < Date.UTC(2026, 2, 1); ms += 3_600_000) {
      const at = new Date(ms);
      expect(versionInForce(regulations, at).version, `${zone} ${at.toISOString()}`).toBe(expected(regulations, at));
    }
  }
});
