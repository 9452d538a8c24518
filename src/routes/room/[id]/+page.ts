// The room is entirely client-side: Monaco, Yjs and Pyodide are browser-only, and nothing
// about the interview is rendered on the server.
export const ssr = false;

import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, url }) => {
	return { interviewId: params.id, token: url.searchParams.get('token') ?? '' };
};
