// The rater's page runs in the browser only: the replay (Monaco, Yjs, Excalidraw) and its data
// come from the API with the rater link's token.
export const ssr = false;

import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, url }) => ({
	sessionId: params.id,
	token: url.searchParams.get('token') ?? ''
});
