/**
 * Just enough of the XLSX format to check an exported plan: a zip reader on `node:zlib` and a
 * sheet reader for shared and inline strings. It keeps the test free of a spreadsheet library
 * whose own parsing quirks would then be under test too.
 */
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

/** The entries of a zip archive by name, uncompressed. */
export function unzip(archive: Buffer): Map<string, Buffer> {
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end -= 1;
  if (end < 0) throw new Error('not a zip archive: no end of central directory');

  const entries = new Map<string, Buffer>();
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  for (let index = 0; index < count; index += 1) {
    if (archive.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new Error(`broken zip central directory at byte ${String(at)}`);
    }
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localHeader = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);

    const dataStart =
      localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Every sheet of a workbook by name, as rows of cell texts (missing cells are ''). */
export function readWorkbook(file: Buffer): Map<string, string[][]> {
  const entries = unzip(file);
  const text = (name: string): string => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`the workbook has no ${name}`);
    return entry.toString('utf8');
  };

  const shared = entries.has('xl/sharedStrings.xml')
    ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) =>
        runsText(match[1] ?? ''),
      )
    : [];
  const targets = new Map(
    [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((match) => [
      attribute(match[0], 'Id'),
      attribute(match[0], 'Target'),
    ]),
  );

  const sheets = new Map<string, string[][]>();
  for (const match of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const target = targets.get(attribute(match[0], 'r:id'));
    if (!target) continue;
    const entryName = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    sheets.set(unescapeXml(attribute(match[0], 'name')), readSheet(text(entryName), shared));
  }
  return sheets;
}

function readSheet(xml: string, shared: string[]): string[][] {
  const rows: string[][] = [];
  for (const row of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const cell of (row[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1] ?? '';
      const body = cell[2] ?? '';
      const column = columnIndex(attribute(attributes, 'r'));
      const type = attribute(attributes, 't');
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '';
      let content: string;
      if (type === 's') content = shared[Number(value)] ?? '';
      else if (type === 'inlineStr') content = runsText(body);
      else content = unescapeXml(value);
      while (cells.length < column) cells.push('');
      cells[column] = content;
    }
    rows.push(cells);
  }
  return rows;
}

function runsText(xml: string): string {
  return [...xml.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((run) => unescapeXml(run[1] ?? '')).join('');
}

function attribute(tag: string, name: string): string {
  const escaped = name.replace(':', '\\:');
  return new RegExp(`\\s${escaped}="([^"]*)"`).exec(tag)?.[1] ?? '';
}

function columnIndex(reference: string): number {
  const letters = /^[A-Z]+/.exec(reference)?.[0] ?? 'A';
  return [...letters].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}
