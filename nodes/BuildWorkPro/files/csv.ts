import type { IDataObject } from 'n8n-workflow';

/** CSV as BuildWorkPro reads and writes it (imports, row errors), parsed without a library. */

/**
 * Splits CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) into
 * rows of cells, at most `maxRows` of them (a byte-order mark is skipped).
 */
function csvRows(text: string, maxRows = Infinity): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	for (let i = 0; i < source.length && rows.length < maxRows; i++) {
		const char = source[i];
		if (quoted) {
			if (char === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
			continue;
		}
		if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (rows.length < maxRows && (field !== '' || row.length > 0)) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

/** CSV as one object per row, keyed by the header row. */
export function parseCsv(text: string): IDataObject[] {
	const [header, ...records] = csvRows(text).filter((cells) => cells.length > 1 || cells[0] !== '');
	if (!header) return [];
	return records.map((cells) =>
		Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])),
	);
}

/** The header row of a CSV (RFC 4180 quoting), read without parsing the rest of the file. */
export function csvHeader(bytes: Buffer): string[] {
	// The header is in the first few kilobytes; a header longer than 64 KB is read whole anyway.
	const [header = []] = csvRows(
		bytes.subarray(0, Math.min(bytes.length, 65_536)).toString('utf8'),
		1,
	);
	return header.map((cell) => cell.trim()).filter((cell) => cell !== '');
}
