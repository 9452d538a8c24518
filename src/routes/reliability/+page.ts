// Admin only: the page reads the admin key the organizer page saved, in the browser.
export const ssr = false;
