import { marked } from 'marked';
import DOMPurify from 'dompurify';

/**
 * Problem statements and interviewer notes as HTML that is safe to insert (issue 12, item 10).
 * Problems are files written by the operator, but one copied from elsewhere must not be able to
 * act on the page: `marked` passes raw HTML through, so its output goes through DOMPurify, which
 * drops scripts, event handlers, `javascript:` URLs and any tag that acts by itself
 * (`<meta http-equiv=refresh>` navigated the candidate's tab away). Markdown's own output
 * (headings, lists, code blocks, tables, links, images) stays.
 */
const FORBIDDEN_TAGS = ['meta', 'link', 'base', 'style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'];

type Purifier = ReturnType<typeof DOMPurify>;
const purifiers = new WeakMap<Window, Purifier>();

/** One configured DOMPurify per window; a link opens beside the room instead of replacing it. */
function purifierOf(window: Window): Purifier {
	const p = DOMPurify(window as unknown as Parameters<typeof DOMPurify>[0]);
	p.addHook('afterSanitizeAttributes', (node) => {
		if (node.tagName === 'A' && node.hasAttribute('href')) {
			node.setAttribute('target', '_blank');
			node.setAttribute('rel', 'noopener noreferrer');
		}
	});
	return p;
}

/** `window` is the page's; tests under Node pass a jsdom window. */
export function renderMarkdown(markdown: string, window: Window = globalThis.window): string {
	let purifier = purifiers.get(window);
	if (!purifier) purifiers.set(window, (purifier = purifierOf(window)));
	const html = marked.parse(markdown, { async: false });
	return purifier.sanitize(html, { FORBID_TAGS: FORBIDDEN_TAGS, USE_PROFILES: { html: true } });
}
