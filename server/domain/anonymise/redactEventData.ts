import type { NameRedactor } from './NameRedactor.js';

/**
 * Fields that hold identifiers or fixed vocabulary, never free text: kept as they are, so a
 * redaction can never turn `problemId: "an-example"` or a random id into something else.
 */
const IDENTIFIER_KEY =
	/^(?:id|ids|[a-z]+Id|[a-z]+Ids|role|kind|type|doc|stream|suite|status|outcome|state|color|mode)$/;

/** Event data for an anonymised reviewer: every free-text string redacted (keys never). */
export function redactEventData(data: unknown, redactor: NameRedactor): unknown {
	const walk = (v: unknown, key?: string): unknown => {
		if (typeof v === 'string') return key !== undefined && IDENTIFIER_KEY.test(key) ? v : redactor.redact(v);
		if (Array.isArray(v)) return v.map((x) => walk(x, key));
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
		return v;
	};
	return walk(data);
}
