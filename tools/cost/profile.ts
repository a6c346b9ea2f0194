/**
 * The measured requests per complaint (bench/requests-per-complaint.json): what one run of the
 * rehearsal's procedure on the local cloud made each service do, counted at the wire through the
 * production adapters (tools/cost/measure.ts), and how it is read per complaint.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PROFILE_PATH = fileURLToPath(new URL('../../bench/requests-per-complaint.json', import.meta.url));

export interface Usage {
  /** Requests to the HTTP API (the gateway), and the bytes of their answers. */
  apiRequests: number;
  apiResponseBytes: number;
  /** Lambda invocations per function, with their measured duration (ms, summed). */
  invocations: Record<string, { count: number; ms: number }>;
  dynamodb: {
    /** Capacity units DynamoDB Local reported (ReturnConsumedCapacity TOTAL: the table and its indexes). */
    writeUnits: number;
    readUnits: number;
    /** Writes refused by a condition (no units reported; DynamoDB charges at least one each). */
    failedWrites: number;
    calls: Record<string, number>;
  };
  scheduler: { created: number; updated: number; deleted: number; read: number; fired: number };
  ses: { messages: number; recipients: number };
  s3: { writeRequests: number; readRequests: number; uploads: number; uploadBytes: number };
  /** What the functions logged: JSON lines and their bytes. */
  logs: { lines: number; bytes: number };
  /**
   * The custom metrics written, by name: how many embedded-metric-format lines wrote each (one
   * line per invocation that counted something). CloudWatch charges a metric only for the hours
   * it is written in, so the model needs how often, not only which. Absent in a profile measured
   * before it was counted: the model then charges every written metric a full month. The fixed
   * runs (timerDrain, dailySweep) have it only when they write a metric.
   */
  metricWrites?: Record<string, number>;
}

export interface RequestProfile {
  measuredAt: string;
  /** The code measured: `git describe --always --dirty`. */
  code?: string;
  /** Anything else to know about the measurement. */
  note?: string;
  tenant: string;
  command: string;
  method: string;
  procedure: { complaints: number; description: string; steps: string[] };
  /** The register's size (table and index copies, DynamoDB's 100 bytes per item and index entry) when the first complaint was closed. */
  storage: { tableBytes: number; items: number };
  /** The whole procedure, every complaint in it. */
  complaintProcedure: Usage;
  /** One run of the drain's timer with nothing pending (every five minutes in AWS). */
  timerDrain: Usage;
  /** One daily deadline sweep. */
  dailySweep: Usage;
  /** The custom metrics the functions wrote (embedded metric format) during the run; how often: each usage's `metricWrites`. */
  customMetrics: string[];
}

export function emptyUsage(): Usage {
  return {
    apiRequests: 0,
    apiResponseBytes: 0,
    invocations: {},
    dynamodb: { writeUnits: 0, readUnits: 0, failedWrites: 0, calls: {} },
    scheduler: { created: 0, updated: 0, deleted: 0, read: 0, fired: 0 },
    ses: { messages: 0, recipients: 0 },
    s3: { writeRequests: 0, readRequests: 0, uploads: 0, uploadBytes: 0 },
    logs: { lines: 0, bytes: 0 },
  };
}

export function readProfile(path = PROFILE_PATH): RequestProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as RequestProfile;
}

/** Totals of a usage: invocations, milliseconds. */
export function invocationTotals(usage: Usage): { count: number; ms: number } {
  return Object.values(usage.invocations).reduce((t, i) => ({ count: t.count + i.count, ms: t.ms + i.ms }), { count: 0, ms: 0 });
}
