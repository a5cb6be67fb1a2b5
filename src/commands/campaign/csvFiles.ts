// CSV files for organisers (RFC 4180 via csv-stringify, UTF-8 with BOM for spreadsheets), packed to fit
// Discord's attachment limit: gzip when a file is too big, split into parts when even that is; never cut.
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';

/** Discord's default upload limit for a bot's message (10 MiB), with room for the multipart envelope. */
export const ATTACHMENT_LIMIT = 10 * 1024 * 1024 - 64 * 1024;

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab, CR) as a formula: such cells are prefixed with `'`,
 * as OWASP's CSV-injection advice says, so a member's text never runs in an organiser's spreadsheet.
 */
export function neutralise(cell: string): string {
	return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export type Row = readonly (string | number | null)[];

function csvOf(header: Row, rows: readonly Row[], bom: boolean): Buffer {
	const cell = (value: string | number | null) => (value === null ? '' : neutralise(String(value)));
	const text = stringify([header.map(cell), ...rows.map((row) => row.map(cell))], { bom, record_delimiter: '\r\n' });
	return Buffer.from(text, 'utf8');
}

export interface CsvFile {
	name: string;
	data: Buffer;
}

/** One file for the rows: plain CSV if it fits, else gzipped if that fits, else undefined. */
function asOneFile(header: Row, rows: readonly Row[], limit: number): { data: Buffer; gzip: boolean } | undefined {
	const csv = csvOf(header, rows, true);
	if (csv.length <= limit) return { data: csv, gzip: false };
	const zipped = gzipSync(csv);
	return zipped.length <= limit ? { data: zipped, gzip: true } : undefined;
}

/** The rows cut into runs that each fit one file, halving until they do. */
function split(header: Row, rows: readonly Row[], limit: number): { data: Buffer; gzip: boolean }[] {
	const file = asOneFile(header, rows, limit);
	if (file) return [file];
	if (rows.length <= 1) throw new RangeError('one row is over the attachment limit');
	const half = Math.ceil(rows.length / 2);
	return [...split(header, rows.slice(0, half), limit), ...split(header, rows.slice(half), limit)];
}

/**
 * The table as one CSV file, gzipped (`name.gz`) when over the limit, or in parts (`name-part1.csv`…, each with the
 * header) when even gzip is not enough: every row is in exactly one file, in order.
 */
export function packCsv(name: string, header: Row, rows: readonly Row[], limit = ATTACHMENT_LIMIT): CsvFile[] {
	const files = split(header, rows, limit);
	const base = name.replace(/\.csv$/, '');
	return files.map((file, i) => ({
		name: `${files.length === 1 ? base : `${base}-part${i + 1}`}.csv${file.gzip ? '.gz' : ''}`,
		data: file.data,
	}));
}
