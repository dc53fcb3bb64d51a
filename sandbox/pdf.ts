/**
 * A small, valid one-page PDF 1.4 written by hand: catalog, page tree, one page with Helvetica
 * text, an info dictionary, and a cross-reference table whose offsets are the objects' exact byte
 * positions. Text is limited to printable ASCII (anything else becomes '?').
 */

export interface PdfContent {
	/** Document title (the Info dictionary and the page's first, larger line). */
	title: string;
	/** Further lines of text, top to bottom. */
	lines: readonly string[];
}

const pdfText = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');

export function renderPdf(content: PdfContent): Buffer {
	const ops: string[] = [
		'BT',
		'/F1 20 Tf',
		'72 720 Td',
		`(${pdfText(content.title)}) Tj`,
		'/F1 12 Tf',
		'0 -34 Td',
	];
	content.lines.forEach((line, i) => {
		if (i) ops.push('0 -18 Td');
		ops.push(`(${pdfText(line)}) Tj`);
	});
	ops.push('ET');
	const stream = ops.join('\n') + '\n';
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
		`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Title (${pdfText(content.title)}) /Producer (BuildWorkPro sandbox) >>`,
	];
	// The second line is a binary comment, so tools treat the file as binary.
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xrefAt = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}
