/** A CSV cell's value; null is an empty cell. */
export type CsvValue = string | number | null;

/**
 * One cell of a CSV export. Quotes anything with a separator, quote or line break; a text starting
 * with =, +, - or @ would run as a formula in a spreadsheet, so it gets a leading apostrophe.
 * Shared by every export (loops, calibration), so each is safe in the same way.
 */
export function csvCell(v: CsvValue): string {
	if (v === null) return '';
	const s = String(v);
	const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text with CRLF line ends (RFC 4180). */
export function toCsv(rows: CsvValue[][]): string {
	return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
