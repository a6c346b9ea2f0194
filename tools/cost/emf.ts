/**
 * The custom metrics in the functions' log lines (CloudWatch's embedded metric format, written by
 * shared/adapters/metrics.ts): what tools/cost/measure.ts counts per metric, as `metricWrites`.
 */

/** The metrics one log line writes in the embedded metric format (`_aws.CloudWatchMetrics`), each once; none when it is not EMF. */
export function emfMetricNames(line: string): string[] {
  if (!line.includes('"CloudWatchMetrics"')) return [];
  try {
    const parsed = JSON.parse(line) as { _aws?: { CloudWatchMetrics?: Array<{ Metrics?: Array<{ Name?: unknown }> }> } };
    const names = new Set<string>();
    for (const group of parsed._aws?.CloudWatchMetrics ?? []) for (const m of group.Metrics ?? []) if (typeof m.Name === 'string') names.add(m.Name);
    return [...names];
  } catch {
    return [];
  }
}
