/**
 * CSV as exports write it and imports read it (RFC 4180): a header row, comma separated, fields
 * quoted when they hold a comma, quote, CR or LF (quotes doubled), CRLF line ends. The parser
 * also takes LF line ends, a UTF-8 byte order mark and a missing final line end.
 */

/** One CSV cell for a value as the API answers it: null → empty, objects and arrays → JSON. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text =
		typeof value === 'string'
			? value
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a header and one line per record (cells in `columns` order). Lines are gathered into
 * ~1 MiB buffers as they are written, so a large export never exists as one huge string.
 */
export function toCsv(
	columns: readonly string[],
	records: Iterable<Record<string, unknown>>,
): Buffer {
	const chunks: Buffer[] = [];
	let pending: string[] = [columns.map(csvCell).join(',') + '\r\n'];
	let pendingLength = pending[0].length;
	for (const record of records) {
		const line = columns.map((c) => csvCell(record[c])).join(',') + '\r\n';
		pending.push(line);
		pendingLength += line.length;
		if (pendingLength >= 1 << 20) {
			chunks.push(Buffer.from(pending.join(''), 'utf8'));
			pending = [];
			pendingLength = 0;
		}
	}
	if (pending.length) chunks.push(Buffer.from(pending.join(''), 'utf8'));
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

export class CsvParseError extends Error {
	constructor(
		message: string,
		readonly line: number,
	) {
		super(message);
	}
}

/** Parses CSV text into rows of cells. Throws CsvParseError for an unterminated quoted field. */
export function parseCsvRows(input: string): string[][] {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let quoteLine = 0;
	let i = 0;
	let cellStarted = false;
	while (i < text.length) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i += 2;
					continue;
				}
				quoted = false;
				i++;
				continue;
			}
			if (ch === '\n') line++;
			cell += ch;
			i++;
			continue;
		}
		if (ch === '"' && cell === '') {
			quoted = true;
			quoteLine = line;
			cellStarted = true;
			i++;
			continue;
		}
		if (ch === ',') {
			row.push(cell);
			cell = '';
			cellStarted = true;
			i++;
			continue;
		}
		if (ch === '\r' || ch === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			cellStarted = false;
			i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
			line++;
			continue;
		}
		cell += ch;
		cellStarted = true;
		i++;
	}
	if (quoted)
		throw new CsvParseError(`Unterminated quoted field starting on line ${quoteLine}.`, quoteLine);
	if (cellStarted || cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	// Blank lines carry no record.
	return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export interface CsvTable {
	header: string[];
	/** Records keyed by header name, with the 1-based data row number (the header is not counted). */
	records: Array<{ row: number; values: Record<string, string> }>;
}

/** Parses a CSV whose first row names the columns. */
export function parseCsv(input: string): CsvTable {
	const rows = parseCsvRows(input);
	if (!rows.length) return { header: [], records: [] };
	const header = rows[0].map((h) => h.trim());
	const records = rows.slice(1).map((cells, index) => {
		const values: Record<string, string> = {};
		header.forEach((name, i) => {
			if (name && cells[i] !== undefined) values[name] = cells[i];
		});
		return { row: index + 1, values };
	});
	return { header, records };
}
