/**
 * The local cloud's DNS stand-in: a tiny UDP DNS server on 127.0.0.1 that answers MX, A and AAAA
 * questions from a fixed zone, so the intake's mail-domain check (shared/adapters/dns-mail-domains.ts)
 * runs unchanged, over the network, with no internet. The functions reach it through DNS_SERVER.
 *
 * The zone (every name, lower-cased):
 * - `*.invalid` (RFC 2606: never exists): NXDOMAIN;
 * - a name whose first label is `nullmx` (`nullmx.example`): the null MX `0 .` (RFC 7505): no mail;
 * - a name whose first label is `nomail` (`nomail.example`): exists, with no MX, A or AAAA: no mail;
 * - a name whose first label is `aonly` (`aonly.example`): no MX, an A record (the implicit MX): mail;
 * - a name whose first label is `servfail`: SERVFAIL (the check fails open);
 * - every other name: `10 mx.<name>` and A 127.0.0.1. The reserved example domains the tests and
 *   the demo data use (example.com, demo.example, ...) are "real" here: they receive mail.
 *
 * Only what the check asks is implemented: one question per query, class IN, no recursion, no TCP.
 */
import { createSocket, type Socket } from 'node:dgram';

export interface DnsLocal {
  /** `127.0.0.1:<port>`, for DNS_SERVER. */
  readonly server: string;
  stop(): Promise<void>;
}

const TYPE = { A: 1, MX: 15, AAAA: 28 } as const;
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, FORMERR: 1 } as const;

export async function startDnsLocal(port = 0): Promise<DnsLocal> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (message, remote) => {
    const reply = answerQuery(message);
    if (reply) socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    server: `127.0.0.1:${socket.address().port}`,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

interface Question {
  id: number;
  flags: number;
  name: string;
  type: number;
  klass: number;
  raw: Buffer;
}

/** The reply to one query, or undefined when it is not one we can read. */
export function answerQuery(message: Buffer): Buffer | undefined {
  const question = parseQuestion(message);
  if (!question) return undefined;
  const { name, type } = question;
  const first = name.split('.')[0];
  if (name === 'invalid' || name.endsWith('.invalid')) return reply(question, RCODE.NXDOMAIN, []);
  if (first === 'servfail') return reply(question, RCODE.SERVFAIL, []);
  if (question.klass !== 1) return reply(question, RCODE.NOTIMP, []);
  if (first === 'nomail') return reply(question, RCODE.NOERROR, []);
  if (type === TYPE.MX) {
    if (first === 'nullmx') return reply(question, RCODE.NOERROR, [mxRecord(0, '')]);
    if (first === 'aonly') return reply(question, RCODE.NOERROR, []);
    return reply(question, RCODE.NOERROR, [mxRecord(10, `mx.${name}`)]);
  }
  if (type === TYPE.A) return reply(question, RCODE.NOERROR, first === 'nullmx' ? [] : [{ type: TYPE.A, data: Buffer.from([127, 0, 0, 1]) }]);
  // AAAA and anything else: no records of that type.
  return reply(question, RCODE.NOERROR, []);
}

function parseQuestion(message: Buffer): Question | undefined {
  if (message.length < 12) return undefined;
  const id = message.readUInt16BE(0);
  const flags = message.readUInt16BE(2);
  if (flags & 0x8000 || message.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    if (offset >= message.length) return undefined;
    const length = message[offset]!;
    offset += 1;
    if (length === 0) break;
    if (length > 63 || offset + length > message.length) return undefined;
    labels.push(
      message
        .subarray(offset, offset + length)
        .toString('latin1')
        .toLowerCase(),
    );
    offset += length;
  }
  if (offset + 4 > message.length) return undefined;
  return { id, flags, name: labels.join('.'), type: message.readUInt16BE(offset), klass: message.readUInt16BE(offset + 2), raw: message.subarray(12, offset + 4) };
}

function encodeName(name: string): Buffer {
  const parts = name ? name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')])) : [];
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function mxRecord(preference: number, exchange: string): { type: number; data: Buffer } {
  const data = Buffer.alloc(2);
  data.writeUInt16BE(preference);
  return { type: TYPE.MX, data: Buffer.concat([data, encodeName(exchange)]) };
}

function reply(question: Question, rcode: number, answers: Array<{ type: number; data: Buffer }>): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(question.id, 0);
  // QR, the query's opcode and RD, RA, the answer code.
  header.writeUInt16BE(0x8000 | (question.flags & 0x7900) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const records = answers.map(({ type, data }) => {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the question's name
    fixed.writeUInt16BE(type, 2);
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, question.raw, ...records]);
}
