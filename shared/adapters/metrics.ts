/**
 * The Metrics port as CloudWatch's embedded metric format (EMF): what one invocation recorded is
 * written when it ends (shared/observability/log.ts flushes) as one JSON line, from which
 * CloudWatch Logs makes the metrics. Namespace `Klachtenregister`, one dimension: `Tenant`
 * (every combination of dimension values is a metric of its own, and each costs).
 *
 * The line goes straight to stdout, not through console: with Lambda's JSON log format a console
 * line is wrapped in Lambda's own JSON, where CloudWatch would not find `_aws`.
 */
import type { CountMetric, Metrics } from '../domain/ports.ts';

export const METRICS_NAMESPACE = 'Klachtenregister';

export type MetricName = CountMetric | 'OutboxBacklogAgeSeconds';

/** One EMF line: the values under their names beside `Tenant` (and `fields`, such as the request id). */
export function emfLine(tenant: string, values: Partial<Record<MetricName, number>>, timestamp: number, fields: Record<string, string | undefined> = {}): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['Tenant']],
          Metrics: Object.keys(values).map((Name) => ({ Name, Unit: Name.endsWith('Seconds') ? 'Seconds' : 'Count' })),
        },
      ],
    },
    Tenant: tenant,
    ...fields,
    ...values,
  });
}

export class EmfMetrics implements Metrics {
  private values: Partial<Record<MetricName, number>> = {};

  constructor(
    readonly tenant: string,
    private readonly write: (line: string) => void = (line) => {
      process.stdout.write(`${line}\n`);
    },
  ) {}

  count(name: CountMetric, n = 1): void {
    this.values[name] = (this.values[name] ?? 0) + n;
  }

  observe(name: 'OutboxBacklogAgeSeconds', seconds: number): void {
    this.values[name] = Math.max(this.values[name] ?? 0, seconds);
  }

  /** Writes what was recorded since the last flush as one line; nothing when nothing was. */
  flush(fields: Record<string, string | undefined> = {}, timestamp = Date.now()): void {
    const values = this.values;
    this.values = {};
    if (Object.keys(values).length) this.write(emfLine(this.tenant, values, timestamp, fields));
  }
}
