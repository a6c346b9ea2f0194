/**
 * docs/deploy.md's cost tables are `npm run cost`'s output for the committed profile
 * (bench/requests-per-complaint.json) and the demo tenant's template as it is now: they cannot
 * drift from the code, the prices or the measurement. Synthesises the demo stack and its edge
 * stack once (about 30 s), so it lives with the infra tests, outside `npm run test:unit`.
 * `npm run cost -- --write-docs` writes the blocks.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { renderEdgeTable, renderPrices, renderReport } from '../../tools/cost/format.ts';
import { estimate } from '../../tools/cost/model.ts';
import { readProfile, type RequestProfile } from '../../tools/cost/profile.ts';
import { synthesiseAndCount } from '../../tools/cost/synth.ts';
import type { TemplateCounts } from '../../tools/cost/template.ts';

const DOCS = new URL('../../docs/deploy.md', import.meta.url);

/** The text between `<!-- NAME:begin ... -->` and `<!-- NAME:end -->` in the guide. */
function block(name: string): string {
  const text = readFileSync(DOCS, 'utf8');
  const found = new RegExp(`<!-- ${name}:begin[^>]*-->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(text);
  if (!found) throw new Error(`docs/deploy.md has no block ${name}`);
  return found[1]!.trim();
}

let counts: TemplateCounts;
let profile: RequestProfile;

describe('the cost tables in docs/deploy.md', () => {
  beforeAll(async () => {
    profile = readProfile();
    counts = await synthesiseAndCount('demo', { edge: true });
  }, 180_000);

  test('the demo stack as counted: keys, alarms, secret, functions, table, buckets, GuardDuty, timers, the edge', () => {
    expect(counts.kmsKeys).toBeGreaterThan(0);
    expect(counts.alarms).toBeGreaterThan(0);
    expect(counts.functions.length).toBeGreaterThan(10);
    expect(counts.functions.every((f) => f.arm64 && f.memoryMb >= 128)).toBe(true);
    expect(counts.onDemandTables).toBe(1);
    expect(counts.malwareProtectionPlans).toBe(1);
    expect(counts.scheduledRules.map((r) => r.target).sort()).toEqual(['deadline-sweeper', 'outbox-drain']);
    expect(counts.edge?.webAcls).toBe(1);
    expect(counts.edge?.wafRules).toBeGreaterThan(0);
  });

  test("the estimate is `npm run cost`'s output", () => {
    expect(block('cost')).toBe(renderReport(profile, counts).trim());
  });

  test("the edge's table is `npm run cost -- --edge`'s", () => {
    expect(block('cost-edge')).toBe(renderEdgeTable(profile, counts).trim());
  });

  test("the prices are `npm run cost -- --prices`'s", () => {
    expect(block('cost-prices')).toBe(renderPrices().trim());
  });

  test('the committed profile names how it was measured', () => {
    expect(profile.tenant).toBe('demo');
    expect(profile.command).toMatch(/^npm run cost -- --measure/);
    expect(profile.procedure.complaints).toBeGreaterThan(0);
    expect(profile.complaintProcedure.dynamodb.writeUnits).toBeGreaterThan(0);
    // Every line is finite and not negative at each volume.
    for (const n of [0, 100, 10_000, 1_000_000]) for (const item of estimate(profile, counts, n).items) expect(Number.isFinite(item.usd) && item.usd >= 0).toBe(true);
  });
});
