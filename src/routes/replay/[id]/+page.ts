// The replay is client-side only: Monaco, Yjs and Excalidraw run in the browser.
export const ssr = false;

import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, url }) => {
	const t = Number(url.searchParams.get('t'));
	return {
		interviewId: params.id,
		token: url.searchParams.get('token') ?? '',
		t: Number.isFinite(t) && t > 0 ? t : null
	};
};
