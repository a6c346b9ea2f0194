/**
 * npm run letters -- --tenant-file FILE | --tenant ID [--version V] [--lang nl|en] [--out DIR]
 *
 * Renders every letter the regulation can send (each version's, in DIR/<version>/ when the file
 * holds several; --version picks one), with sample data, for proofreading: sample
 * complaints go through the procedure on the product's own use cases (tools/letters/render-all.ts)
 * and each letter the outbox sends is written to DIR as HTML and as text (default: a new folder
 * in the OS temp dir), with an index (letter id, recipient, event, language, subject) printed and
 * written to DIR/index.txt. Without --lang the complainants write in Dutch and in English.
 * Exit code 2 on bad arguments, 1 on an invalid regulation file or a letter that cannot be composed.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readTenantFile, tenantFileIn } from '../shared/adapters/regulation-file.ts';
import type { Language, Regulation } from '../shared/domain/regulation/index.ts';
import { distinctLetters, renderAllLetters, type RenderedLetter } from './letters/render-all.ts';
import { type Io, isMain, processIo, TENANTS_DIR } from './tenant-check.ts';

const USAGE = 'usage: npm run letters -- --tenant-file FILE | --tenant ID [--version V] [--lang nl|en] [--out DIR]';

type LettersArgs = { ok: true; file: string; lang?: Language; out?: string; version?: string } | { ok: false; message: string; code: number };

export function parseLettersArgs(argv: readonly string[]): LettersArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { 'tenant-file': { type: 'string' }, tenant: { type: 'string' }, version: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: `letters: ${(error as Error).message}\n${USAGE}`, code: 2 };
  }
  if (values.help) return { ok: false, message: USAGE, code: 0 };
  const file = values['tenant-file'];
  const tenant = values.tenant;
  if ((file === undefined) === (tenant === undefined)) return { ok: false, message: `letters: give --tenant-file or --tenant (one of them)\n${USAGE}`, code: 2 };
  if (typeof tenant === 'string' && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(tenant)) {
    return { ok: false, message: `letters: --tenant must be a tenant id such as occure (the name of a file in ${TENANTS_DIR}/), got ${JSON.stringify(tenant)}\n${USAGE}`, code: 2 };
  }
  const lang = values.lang;
  if (lang !== undefined && lang !== 'nl' && lang !== 'en') return { ok: false, message: `letters: --lang must be nl or en (got ${JSON.stringify(lang)})\n${USAGE}`, code: 2 };
  const out = typeof values.out === 'string' && values.out !== '' ? values.out : undefined;
  const version = typeof values.version === 'string' && values.version !== '' ? values.version : undefined;
  return {
    ok: true,
    file: typeof file === 'string' ? file : (tenantFileIn(TENANTS_DIR, tenant as string) ?? join(TENANTS_DIR, `${tenant}.yaml`)),
    ...(lang ? { lang } : {}),
    ...(out ? { out } : {}),
    ...(version ? { version } : {}),
  };
}

export async function runLetters(argv: readonly string[], io: Io): Promise<number> {
  const args = parseLettersArgs(argv);
  if (!args.ok) {
    (args.code === 0 ? io.out : io.err)(args.message);
    return args.code;
  }
  if (!existsSync(args.file)) {
    io.err(`letters: no such file: ${args.file}\n${USAGE}`);
    return 2;
  }
  const read = await readTenantFile(args.file);
  if (!read.ok) {
    for (const problem of read.problems) io.err(problem);
    return 1;
  }
  const { versions } = read.regulations;
  if (args.version !== undefined && !versions.some((r) => r.version === args.version)) {
    io.err(`letters: ${args.file} has no version ${JSON.stringify(args.version)} (versions: ${versions.map((r) => r.version).join(', ')})`);
    return 2;
  }
  const chosen = args.version !== undefined ? versions.filter((r) => r.version === args.version) : versions;
  const root = args.out ?? (await mkdtemp(join(tmpdir(), `letters-${read.regulations.id}-`)));
  let failures = 0;
  for (const regulation of chosen) {
    // Several versions: each in its own folder, as a complaint under it would get them.
    const dir = chosen.length > 1 ? join(root, regulation.version) : root;
    failures += await renderVersion(regulation, args.file, dir, args.lang, chosen.length > 1, io);
  }
  return failures ? 1 : 0;
}

async function renderVersion(regulation: Regulation, file: string, dir: string, lang: Language | undefined, named: boolean, io: Io): Promise<number> {
  const result = await renderAllLetters(regulation, lang ? { langs: [lang] } : {});
  const letters = distinctLetters(result.letters);
  await mkdir(dir, { recursive: true });

  const rows = letters.map((letter, i) => ({ letter, name: fileName(i + 1, letter) }));
  for (const { letter, name } of rows) {
    await writeFile(join(dir, `${name}.html`), letter.html);
    await writeFile(join(dir, `${name}.txt`), `Subject: ${letter.subject}\nTo: ${letter.recipient} <${letter.to}>\n\n${letter.text}\n`);
  }
  const index = [
    `${regulation.organisation.name} (${file}${named ? `, version ${regulation.version} from ${regulation.effectiveFrom}` : ''}): ${letters.length} letters in ${dir}`,
    '',
    ...table([
      ['#', 'letter', 'recipient', 'event', 'lang', 'subject'],
      ...rows.map(({ letter }, i) => [String(i + 1).padStart(2, '0'), letter.id, letter.recipient, letter.event, letter.lang, letter.subject]),
    ]),
  ];
  if (result.unsent.length)
    index.push(
      '',
      `Notices of the regulation no sample path sent: ${result.unsent.join(', ')} (a notice goes out on its trigger, or with the event it records; these have neither, or their event did not happen)`,
    );
  await writeFile(join(dir, 'index.txt'), `${index.join('\n')}\n`);
  for (const line of index) io.out(line);

  for (const failure of result.failures) io.err(`letters: ${failure.entryId} (${failure.path}, ${failure.lang}) could not be composed: ${failure.error}`);
  return result.failures.length;
}

function fileName(n: number, letter: RenderedLetter): string {
  const part = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${String(n).padStart(2, '0')}-${part(letter.path)}-${part(letter.id)}-${part(letter.recipient)}.${letter.lang}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (col === r.length - 1 ? 0 : r[col]!.length))));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  '));
}

if (isMain(import.meta.url)) {
  process.exitCode = await runLetters(process.argv.slice(2), processIo);
}
