/**
 * Reads and writes feed captures.
 *
 * Two formats are read:
 * - The format of fixtures/real/ (cryptofeed's sample captures), one record per line:
 *   `<unix s>: <frame>` a frame the exchange sent; `<url> <-> <unix s>` a connection opened;
 *   `<url> <- <unix s>: <frame>` a frame the client sent; `<url> -> <unix s>: <json>` a REST response.
 *   A `X.ws.N.M` capture also loads the REST snapshots of its sibling `X.http.*` files.
 * - soakbook's own recording format, NDJSON (optionally gzip, by a `.gz` suffix), one object per line:
 *   `{"t": <ms since the recording started>, "exchange": "binance"|"okx", "dir": "server"|"client"|"open"|"rest",
 *     "url"?: <connection or request URL>, "frame": <the frame text exactly as sent; for "open" the URL>}`.
 * Both become CaptureRecords with times in ms relative to the first record. Bad lines are a SoakError
 * naming file and line.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { SoakError } from '../errors.ts';

/** Who sent a record: the exchange (`server`), the client, a connection opening, or a REST answer. */
export type CaptureDirection = 'server' | 'client' | 'open' | 'rest';

/** One captured frame. */
export interface CaptureRecord {
  /** ms since the first record of the capture. */
  tMs: number;
  dir: CaptureDirection;
  /** Exchange named by an NDJSON record (fixtures/real records leave it to the reader). */
  exchange?: string;
  url?: string;
  frame: string;
}

const OPEN = /^(\S+) <-> (\d+(?:\.\d+)?)$/;
const CLIENT = /^(\S+) <- (\d+(?:\.\d+)?): (.*)$/;
const REST = /^(\S+) -> (\d+(?:\.\d+)?): (.*)$/;
const SERVER = /^(\d+(?:\.\d+)?): (.*)$/;
const DIRECTIONS: readonly string[] = ['server', 'client', 'open', 'rest'];

/** Reads a capture (either format) plus, for fixtures/real `.ws.` files, the sibling REST captures. */
export async function readCapture(file: string): Promise<CaptureRecord[]> {
  const text = await readText(file);
  const firstLine = text.slice(0, 200).trimStart();
  if (firstLine.startsWith('{')) return parseRecording(text, file);
  const records = parseCryptofeed(text, file);
  const name = basename(file);
  const wsAt = name.indexOf('.ws.');
  if (wsAt > 0) {
    const prefix = `${name.slice(0, wsAt)}.http.`;
    const siblings = (await readdir(dirname(file))).filter((entry) => entry.startsWith(prefix)).sort();
    for (const sibling of siblings) records.push(...parseCryptofeed(await readText(join(dirname(file), sibling)), join(dirname(file), sibling)));
  }
  return relative(records.sort((a, b) => a.tMs - b.tMs));
}

/** Writes records in soakbook's NDJSON recording format (gzip when the name ends in `.gz`). */
export async function writeRecording(file: string, exchange: string, records: readonly CaptureRecord[]): Promise<void> {
  const lines = records.map((record) => JSON.stringify({ t: record.tMs, exchange: record.exchange ?? exchange, dir: record.dir, ...(record.url === undefined ? {} : { url: record.url }), frame: record.frame }));
  const text = `${lines.join('\n')}\n`;
  await writeFile(file, file.endsWith('.gz') ? gzipSync(text) : text);
}

async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SoakError('SOAK_ERR_SCENARIO', `replay file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, { cause: error });
  }
  if (!file.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (error) {
    throw new SoakError('SOAK_ERR_SCENARIO', `replay file ${file}: not valid gzip`, { cause: error });
  }
}

function parseCryptofeed(text: string, file: string): CaptureRecord[] {
  const records: CaptureRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    let match: RegExpExecArray | null;
    if ((match = SERVER.exec(line))) records.push({ tMs: Number(match[1]) * 1000, dir: 'server', frame: match[2] as string });
    else if ((match = OPEN.exec(line))) records.push({ tMs: Number(match[2]) * 1000, dir: 'open', url: match[1] as string, frame: match[1] as string });
    else if ((match = CLIENT.exec(line))) records.push({ tMs: Number(match[2]) * 1000, dir: 'client', url: match[1] as string, frame: match[3] as string });
    else if ((match = REST.exec(line))) records.push({ tMs: Number(match[2]) * 1000, dir: 'rest', url: match[1] as string, frame: match[3] as string });
    else throw new SoakError('SOAK_ERR_SCENARIO', `replay file ${file}:${i + 1}: not a capture line (expected '<ts>: <frame>', '<url> <-> <ts>', '<url> <- <ts>: <frame>' or '<url> -> <ts>: <json>')`);
  }
  return records;
}

function parseRecording(text: string, file: string): CaptureRecord[] {
  const records: CaptureRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const fail = (why: string): never => {
      throw new SoakError('SOAK_ERR_SCENARIO', `replay file ${file}:${i + 1}: ${why}`);
    };
    let value: { t?: unknown; exchange?: unknown; dir?: unknown; url?: unknown; frame?: unknown };
    try {
      value = JSON.parse(line) as typeof value;
    } catch {
      return fail('not JSON');
    }
    if (typeof value !== 'object' || value === null) fail('not an object');
    if (typeof value.t !== 'number' || !Number.isFinite(value.t)) fail('t must be a number (ms)');
    if (typeof value.dir !== 'string' || !DIRECTIONS.includes(value.dir)) fail(`dir must be one of ${DIRECTIONS.join(', ')}`);
    if (typeof value.frame !== 'string') fail('frame must be a string');
    if (value.exchange !== undefined && typeof value.exchange !== 'string') fail('exchange must be a string');
    if (value.url !== undefined && typeof value.url !== 'string') fail('url must be a string');
    const record: CaptureRecord = { tMs: value.t as number, dir: value.dir as CaptureDirection, frame: value.frame as string };
    if (typeof value.exchange === 'string') record.exchange = value.exchange;
    if (typeof value.url === 'string') record.url = value.url;
    records.push(record);
  }
  return relative(records.sort((a, b) => a.tMs - b.tMs));
}

function relative(records: CaptureRecord[]): CaptureRecord[] {
  const start = records[0]?.tMs ?? 0;
  for (const record of records) record.tMs -= start;
  return records;
}
