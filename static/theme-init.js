// Sets the page's theme before it is drawn, so a dark setting never flashes light. A file
// rather than an inline script: the Content-Security-Policy allows scripts from 'self' only.
// Mirrors mode-watcher's own start-up script (same key, same class); src/lib/client/theme/theme.ts.
(function () {
	try {
		var mode = localStorage.getItem('pairboard:theme') || 'system';
		var dark = mode === 'dark' || (mode !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
		document.documentElement.classList.toggle('dark', dark);
		document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
	} catch (e) {
		// No storage (private mode, blocked): the page follows the system once it loads.
	}
})();
