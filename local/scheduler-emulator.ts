/**
 * An EventBridge Scheduler emulator speaking the REST API the AWS SDK uses (Create, Get, Update,
 * Delete, List schedules), so the production adapter runs unchanged with an endpoint override.
 * It persists schedules to a JSON file, fires due one-time at() schedules in their time zone by
 * invoking the target with Target.Input, honours ActionAfterCompletion: DELETE, and retries
 * failed invocations per RetryPolicy before recording a dead letter.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { instantAt } from '../shared/domain/calendar/index.ts';

export interface EmulatedSchedule {
  Name: string;
  GroupName: string;
  Arn: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  State: 'ENABLED' | 'DISABLED';
  ActionAfterCompletion?: 'NONE' | 'DELETE';
  FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  Target: {
    Arn: string;
    RoleArn: string;
    Input?: string;
    RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
    DeadLetterConfig?: { Arn?: string };
  };
  Description?: string;
  CreationDate: number;
  LastModificationDate: number;
  /** Emulator bookkeeping, not part of the API shape. */
  delivery?: { attempts: number; nextAttemptAt?: number; completed?: boolean };
}

export interface DeadLetter {
  schedule: string;
  group: string;
  targetArn: string;
  deadLetterArn?: string;
  input?: string;
  error: string;
  attempts: number;
  at: string;
}

export interface SchedulerEmulatorOptions {
  port: number;
  stateFile: string;
  /** The emulated system time (the local cloud can run ahead of the machine clock). */
  now: () => Date;
  /** Invokes a target function with the schedule's input; rejects when the invocation fails. */
  invoke: (targetArn: string, input: string | undefined) => Promise<void>;
  tickMs?: number;
  /** How long changes may wait before the state file is written (batched; flushed on stop). Default 1000 ms. */
  persistDelayMs?: number;
  region?: string;
  accountId?: string;
}

export interface SchedulerEmulator {
  endpoint: string;
  /** Fires everything due now; resolves when those invocations have finished. */
  tick(): Promise<void>;
  schedules(): EmulatedSchedule[];
  deadLetters(): DeadLetter[];
  stop(): Promise<void>;
}

const NAME_PATTERN = /^[0-9a-zA-Z-_.]{1,64}$/;
const AT_PATTERN = /^at\((\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})\)$/;
const DEFAULT_RETRIES = 185;
const DEFAULT_MAX_AGE_SECONDS = 86_400;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startSchedulerEmulator(options: SchedulerEmulatorOptions): Promise<SchedulerEmulator> {
  const region = options.region ?? 'eu-west-1';
  const accountId = options.accountId ?? '000000000000';
  const state = loadState(options.stateFile);
  const key = (group: string, name: string) => `${group}/${name}`;
  const schedules = new Map(state.schedules.map((s) => [key(s.GroupName, s.Name), s]));
  const deadLetters = state.deadLetters;
  // Writing the whole file on every change is quadratic with tens of thousands of schedules:
  // changes are batched into one write per persistDelayMs, and stop() writes what is pending.
  let persistTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (persistTimer) clearTimeout(persistTimer);
    persistTimer = undefined;
    saveState(options.stateFile, { schedules: [...schedules.values()], deadLetters });
  };
  const persist = () => {
    persistTimer ??= setTimeout(flush, options.persistDelayMs ?? 1000);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalServerException', (error as Error).message);
      res.writeHead(apiError.status, { 'content-type': 'application/json', 'x-amzn-errortype': apiError.type });
      res.end(JSON.stringify({ Message: apiError.message }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/_emulator/health') return send({ ok: true });
    if (url.pathname === '/_emulator/dead-letters') return send({ DeadLetters: deadLetters });
    if (url.pathname === '/schedules' && req.method === 'GET') return send(list(url.searchParams));
    const match = /^\/schedules\/([^/]+)$/.exec(url.pathname);
    if (!match) throw new ApiError(404, 'ResourceNotFoundException', `no such API: ${req.method} ${url.pathname}`);
    const name = decodeURIComponent(match[1]!);
    const body = req.method === 'POST' || req.method === 'PUT' ? await readJson(req) : {};
    const group = String((body.GroupName as string | undefined) ?? url.searchParams.get('groupName') ?? 'default');
    const existing = schedules.get(key(group, name));
    switch (req.method) {
      case 'POST': {
        if (existing) throw new ApiError(409, 'ConflictException', `Schedule ${name} already exists.`);
        const schedule = validate(name, group, body, Date.now() / 1000);
        schedules.set(key(group, name), schedule);
        persist();
        return send({ ScheduleArn: schedule.Arn });
      }
      case 'PUT': {
        if (!existing) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
        // UpdateSchedule replaces the whole schedule, as in AWS.
        const schedule = validate(name, group, body, existing.CreationDate);
        schedules.set(key(group, name), schedule);
        persist();
        return send({ ScheduleArn: schedule.Arn });
      }
      case 'GET': {
        if (!existing) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
        const { delivery: _delivery, ...visible } = existing;
        return send(visible);
      }
      case 'DELETE': {
        if (!existing) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
        schedules.delete(key(group, name));
        persist();
        return send({});
      }
      default:
        throw new ApiError(405, 'ValidationException', `method ${req.method} not supported`);
    }
  }

  function validate(name: string, group: string, body: Record<string, any>, creationDate: number): EmulatedSchedule {
    if (!NAME_PATTERN.test(name)) throw new ApiError(400, 'ValidationException', `Name must match ${NAME_PATTERN}`);
    const expression = body.ScheduleExpression;
    if (typeof expression !== 'string' || !AT_PATTERN.test(expression)) {
      throw new ApiError(400, 'ValidationException', 'ScheduleExpression must be a one-time at(yyyy-mm-ddThh:mm:ss) expression (the emulator supports one-time schedules)');
    }
    if (body.ScheduleExpressionTimezone !== undefined) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: body.ScheduleExpressionTimezone });
      } catch {
        throw new ApiError(400, 'ValidationException', `Invalid ScheduleExpressionTimezone ${body.ScheduleExpressionTimezone}`);
      }
    }
    if (!body.Target?.Arn || !body.Target?.RoleArn) throw new ApiError(400, 'ValidationException', 'Target.Arn and Target.RoleArn are required');
    if (!body.FlexibleTimeWindow?.Mode) throw new ApiError(400, 'ValidationException', 'FlexibleTimeWindow is required');
    const now = Date.now() / 1000;
    return {
      Name: name,
      GroupName: group,
      Arn: `arn:aws:scheduler:${region}:${accountId}:schedule/${group}/${name}`,
      ScheduleExpression: expression,
      ...(body.ScheduleExpressionTimezone ? { ScheduleExpressionTimezone: body.ScheduleExpressionTimezone } : {}),
      State: body.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      ActionAfterCompletion: body.ActionAfterCompletion === 'DELETE' ? 'DELETE' : 'NONE',
      FlexibleTimeWindow: body.FlexibleTimeWindow,
      Target: body.Target,
      ...(body.Description ? { Description: body.Description } : {}),
      CreationDate: creationDate,
      LastModificationDate: now,
      delivery: { attempts: 0 },
    };
  }

  function list(params: URLSearchParams) {
    const group = params.get('ScheduleGroup');
    const prefix = params.get('NamePrefix') ?? '';
    const wantedState = params.get('State');
    const max = Math.min(Number(params.get('MaxResults') ?? 100) || 100, 100);
    const start = Number(params.get('NextToken') ?? 0) || 0;
    const matching = [...schedules.values()]
      .filter((s) => (!group || s.GroupName === group) && s.Name.startsWith(prefix) && (!wantedState || s.State === wantedState))
      .sort((a, b) => a.Name.localeCompare(b.Name));
    const page = matching.slice(start, start + max).map((s) => ({
      Arn: s.Arn,
      Name: s.Name,
      GroupName: s.GroupName,
      State: s.State,
      CreationDate: s.CreationDate,
      LastModificationDate: s.LastModificationDate,
      Target: { Arn: s.Target.Arn },
    }));
    return { Schedules: page, ...(start + max < matching.length ? { NextToken: String(start + max) } : {}) };
  }

  function fireTime(schedule: EmulatedSchedule): number {
    const [, date, time] = AT_PATTERN.exec(schedule.ScheduleExpression)!;
    return instantAt(date!, time!, schedule.ScheduleExpressionTimezone ?? 'UTC').getTime();
  }

  let ticking: Promise<void> | undefined;
  async function tick(): Promise<void> {
    // One pass at a time: a slow target must not be invoked twice for the same firing.
    while (ticking) await ticking;
    ticking = firePass().finally(() => {
      ticking = undefined;
    });
    return ticking;
  }

  async function firePass(): Promise<void> {
    const now = options.now().getTime();
    const due = [...schedules.values()].filter((s) => s.State === 'ENABLED' && !s.delivery?.completed && fireTime(s) <= now && (s.delivery?.nextAttemptAt ?? 0) <= now);
    await Promise.all(due.map((s) => fire(s, now)));
  }

  async function fire(schedule: EmulatedSchedule, now: number): Promise<void> {
    const delivery = (schedule.delivery ??= { attempts: 0 });
    const id = key(schedule.GroupName, schedule.Name);
    try {
      await options.invoke(schedule.Target.Arn, schedule.Target.Input);
      if (schedule.ActionAfterCompletion === 'DELETE') schedules.delete(id);
      else delivery.completed = true;
    } catch (error) {
      delivery.attempts += 1;
      const policy = schedule.Target.RetryPolicy ?? {};
      const maxRetries = policy.MaximumRetryAttempts ?? DEFAULT_RETRIES;
      const maxAgeMs = (policy.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000;
      if (delivery.attempts > maxRetries || now - fireTime(schedule) > maxAgeMs) {
        deadLetters.push({
          schedule: schedule.Name,
          group: schedule.GroupName,
          targetArn: schedule.Target.Arn,
          ...(schedule.Target.DeadLetterConfig?.Arn ? { deadLetterArn: schedule.Target.DeadLetterConfig.Arn } : {}),
          ...(schedule.Target.Input !== undefined ? { input: schedule.Target.Input } : {}),
          error: (error as Error).message,
          attempts: delivery.attempts,
          at: new Date(now).toISOString(),
        });
        if (schedule.ActionAfterCompletion === 'DELETE') schedules.delete(id);
        else delivery.completed = true;
      } else {
        // Exponential backoff, as Scheduler does, capped for a usable local loop.
        delivery.nextAttemptAt = now + Math.min(60_000, 1000 * 2 ** (delivery.attempts - 1));
      }
    }
    persist();
  }

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const timer = setInterval(() => {
    tick().catch(() => undefined);
  }, options.tickMs ?? 1000);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    tick,
    schedules: () => [...schedules.values()],
    deadLetters: () => [...deadLetters],
    stop: async () => {
      clearInterval(timer);
      while (ticking) await ticking;
      await closeServer(server);
      if (persistTimer) flush();
    },
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    throw new ApiError(400, 'ValidationException', 'body is not valid JSON');
  }
}

function loadState(file: string): { schedules: EmulatedSchedule[]; deadLetters: DeadLetter[] } {
  if (!existsSync(file)) return { schedules: [], deadLetters: [] };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { schedules?: EmulatedSchedule[]; deadLetters?: DeadLetter[] };
  return { schedules: parsed.schedules ?? [], deadLetters: parsed.deadLetters ?? [] };
}

function saveState(file: string, state: { schedules: EmulatedSchedule[]; deadLetters: DeadLetter[] }): void {
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename: a crash mid-write never leaves a half file behind.
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, file);
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
