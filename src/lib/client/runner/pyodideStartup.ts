/// <reference lib="webworker" />
/**
 * Starts Pyodide in the Python worker as fast as the files allow. Pyodide's own loader works in
 * steps: it imports its scripts, then fetches the standard library and the interpreter's
 * WebAssembly, then waits for the memory snapshot, and only then compiles the WebAssembly. Here
 * every file is requested at once when the worker starts, and the WebAssembly is compiled while
 * it streams in (`compileStreaming`, which also lets V8 reuse its code cache on a repeat visit),
 * in parallel with the snapshot; Pyodide is then handed the compiled module.
 */
import { decodeSparseSnapshot } from '$lib/shared/python/sparseSnapshot.js';
import { PYODIDE_SNAPSHOT_FILE } from '$lib/shared/python/packages';

declare const self: DedicatedWorkerGlobalScope;

/** Marks of the start-up's steps (`pb:…`), read by bench/runner.ts to say where the time goes. */
export const mark = (name: string) => performance.mark(`pb:${name}`);

export interface StartupUrls {
	/** Pyodide's files (versioned, ends with a slash). */
	indexUrl: string;
	lockUrl: string;
	packagesUrl: string;
}

type LoadPyodide<P> = (o: {
	indexURL: string;
	lockFileContents: Promise<unknown>;
	packageBaseUrl: string;
	_loadSnapshot?: Promise<Uint8Array>;
}) => Promise<P>;

async function fetchOk(url: string): Promise<Response> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`${url} answered ${res.status}`);
	return res;
}

/** The interpreter's memory right after start-up: restoring it skips Python's own start. */
async function fetchSnapshot(indexUrl: string): Promise<Uint8Array> {
	const bytes = await (await fetchOk(`${indexUrl}${PYODIDE_SNAPSHOT_FILE}`)).arrayBuffer();
	const snapshot = decodeSparseSnapshot(bytes);
	mark('snapshot');
	return snapshot;
}

/**
 * Runs Pyodide's loader with its interpreter already compiled: its own request for the
 * WebAssembly gets an empty answer and its `instantiateStreaming` the compiled module. Both are
 * put back when the loader is done (packages loaded later fetch and compile as usual). Tied to
 * the pinned Pyodide's loader (src/js/emscripten-settings.ts); if the compile failed, Pyodide's
 * own path runs instead.
 */
async function withCompiledWasm<T>(url: string, compiled: Promise<WebAssembly.Module>, load: () => Promise<T>) {
	const realFetch = self.fetch;
	const realInstantiate = WebAssembly.instantiateStreaming;
	const requested = (input: RequestInfo | URL) => String(input instanceof Request ? input.url : input) === url;
	self.fetch = (input, init) => (requested(input) ? Promise.resolve(new Response(null)) : realFetch(input, init));
	WebAssembly.instantiateStreaming = async (source, imports) => {
		mark('instantiate');
		let module: WebAssembly.Module;
		try {
			module = await compiled;
		} catch (err) {
			console.warn('Precompiling the interpreter failed, compiling it again:', err);
			return realInstantiate(realFetch(url), imports);
		}
		void Promise.resolve(source).then((r) => r.body?.cancel());
		return { module, instance: await WebAssembly.instantiate(module, imports) };
	};
	try {
		return await load();
	} finally {
		self.fetch = realFetch;
		WebAssembly.instantiateStreaming = realInstantiate;
	}
}

/** Loads Pyodide from `urls` (snapshot if there is a usable one); resolves with it and the served lock. */
export async function startPyodide<P, Lock>(urls: StartupUrls): Promise<{ py: P; lock: Lock }> {
	mark('init');
	const wasmUrl = new URL(`${urls.indexUrl}pyodide.asm.wasm`, self.location.href).href;
	const compiled = WebAssembly.compileStreaming(fetch(wasmUrl)).then((m) => {
		mark('compiled');
		return m;
	});
	compiled.catch(() => undefined); // handled where it is awaited
	const snapshot = fetchSnapshot(urls.indexUrl);
	snapshot.catch(() => undefined); // a missing or broken snapshot: Python starts without it
	const lock = fetchOk(urls.lockUrl).then((r) => r.json() as Promise<Lock>);
	lock.catch(() => undefined);
	const [mod] = await Promise.all([
		import(/* @vite-ignore */ `${urls.indexUrl}pyodide.mjs`) as Promise<{ loadPyodide: LoadPyodide<P> }>,
		// Pyodide imports it next; asking now downloads and parses it beside the rest.
		import(/* @vite-ignore */ `${urls.indexUrl}pyodide.asm.mjs`)
	]);
	mark('imported');
	const options = { indexURL: urls.indexUrl, lockFileContents: lock, packageBaseUrl: urls.packagesUrl };
	const py = await withCompiledWasm(wasmUrl, compiled, () =>
		mod.loadPyodide({ ...options, _loadSnapshot: snapshot })
	).catch((err) => {
		console.warn('Pyodide snapshot not usable, starting Python from scratch:', err);
		return mod.loadPyodide(options);
	});
	mark('loaded');
	return { py, lock: await lock };
}
