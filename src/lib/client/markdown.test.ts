// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

const html = (md: string) => renderMarkdown(md, window);
/** The rendered HTML as a document, to ask what it holds. */
const dom = (md: string) => {
	const div = document.createElement('div');
	div.innerHTML = html(md);
	return div;
};

describe('renderMarkdown (issue 12, item 10)', () => {
	it.each([
		['a meta refresh', '<meta http-equiv="refresh" content="0;url=about:blank">', 'meta'],
		['a script', '<script>alert(1)</script>', 'script'],
		['a style sheet', '<style>body { display: none }</style>', 'style'],
		[
			'a form',
			'<form action="https://evil.example"><input name="p"><button>Send</button></form>',
			'form, input, button'
		],
		['an iframe', '<iframe src="https://evil.example"></iframe>', 'iframe'],
		['a base URL', '<base href="https://evil.example/">', 'base']
	])('removes %s', (_label, md, selector) => {
		expect(dom(`Intro\n\n${md}\n\nOutro`).querySelectorAll(selector)).toHaveLength(0);
		expect(html(`Intro\n\n${md}\n\nOutro`)).toContain('Outro');
	});

	it('removes event handlers and javascript: links, keeping their text', () => {
		const d = dom(
			'<img src="x" onerror="alert(1)"> [click me](javascript:alert(1)) <a href="javascript:alert(2)">two</a>'
		);
		expect(d.querySelector('[onerror]')).toBeNull();
		expect(d.querySelector('img')?.getAttribute('src')).toBe('x');
		expect([...d.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([null, null]);
		expect(d.textContent).toContain('click me');
		expect(d.textContent).toContain('two');
	});

	it('keeps code blocks, tables, headings, lists and links; links open beside the room', () => {
		const d = dom(
			[
				'# Moving average',
				'',
				'- `window` items',
				'',
				'```python',
				'def f(x):\n    return x < 3 and x > 1',
				'```',
				'',
				'| n | mean |',
				'| - | ---- |',
				'| 3 | 2.0 |',
				'',
				'See [the docs](https://docs.python.org/3/).'
			].join('\n')
		);
		expect(d.querySelector('h1')?.textContent).toBe('Moving average');
		expect(d.querySelector('li code')?.textContent).toBe('window');
		expect(d.querySelector('pre code.language-python')?.textContent).toBe('def f(x):\n    return x < 3 and x > 1\n');
		expect([...d.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['3', '2.0']);
		const link = d.querySelector('a')!;
		expect(link.getAttribute('href')).toBe('https://docs.python.org/3/');
		expect(link.getAttribute('target')).toBe('_blank');
		expect(link.getAttribute('rel')).toBe('noopener noreferrer');
	});
});
