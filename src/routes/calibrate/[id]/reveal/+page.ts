// The reveal runs in the browser only: its data comes from the API with the rater's token or
// the admin key kept by the organizer page, never from a server-rendered page.
export const ssr = false;

import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, url }) => ({
	sessionId: params.id,
	token: url.searchParams.get('token') ?? ''
});
