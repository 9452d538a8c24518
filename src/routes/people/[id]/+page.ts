// Admin only: the page reads the admin key the organizer page saved, in the browser.
export const ssr = false;

import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => ({ personId: params.id });
