/**
 * The lists' opaque cursor: where the next page starts (a segment number and DynamoDB's start
 * key), base64url JSON. A forged one is refused before it reaches DynamoDB.
 */
import { InvalidInputError } from '../domain/errors.ts';
import { TABLE_KEYS } from './table-design.ts';

export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export function decodeCursor(cursor: string | undefined): { p?: number; k?: Record<string, any> } | undefined {
  if (!cursor) return undefined;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  // A forged cursor must be refused here: DynamoDB answers a malformed start key with a
  // ValidationException (a 500). Only what encodeCursor writes: a partition number and a key of
  // the table's string key attributes, pk and sk among them.
  if (!isCursor(position)) throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
  return position;
}

const CURSOR_KEY_NAMES = new Set(['pk', 'sk', ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);

function isCursor(value: unknown): value is { p?: number; k?: Record<string, any> } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { p, k, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) return false;
  if (p !== undefined && !(Number.isInteger(p) && (p as number) >= 0 && (p as number) < 1000)) return false;
  if (k === undefined) return true;
  if (!k || typeof k !== 'object' || Array.isArray(k)) return false;
  const entries = Object.entries(k as Record<string, unknown>);
  return (
    'pk' in k &&
    'sk' in k &&
    entries.every(([name, attribute]) => {
      if (!CURSOR_KEY_NAMES.has(name) || !attribute || typeof attribute !== 'object') return false;
      const [type, ...more] = Object.keys(attribute);
      const inner = (attribute as Record<string, unknown>)[type!];
      // Every key attribute of the table and its indexes is a string (table-design.ts).
      return more.length === 0 && type === 'S' && typeof inner === 'string' && inner.length > 0 && inner.length <= 1024;
    })
  );
}
