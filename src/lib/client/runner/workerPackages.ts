/**
 * Package loading inside the Python worker: Pyodide's own loader, from the app's /pyodide/
 * files, for what a problem declares and what the code imports (planPackages decides which).
 */
import { missingPackagesMessage, planPackages, type ServedPackages } from '$lib/shared/python/packages';

export interface PackageLoader {
	loadPackage(
		names: string[],
		o: { messageCallback?: (m: string) => void; errorCallback?: (m: string) => void }
	): Promise<unknown>;
	loadedPackages: Record<string, string>;
	runPython(code: string): unknown;
	globals: { get(name: string): (...a: unknown[]) => string };
}

export interface ServedLock {
	packages: Record<string, { name: string; imports: string[] }>;
	tool?: { pairboard?: { notInstalled?: Record<string, string>; snapshot?: boolean } };
}

/** Python's own view of a buffer's imports (pyodide.code.find_imports), [] if it does not parse. */
export const FIND_IMPORTS_PY = String.raw`
def _pb_find_imports(src):
    import json
    from pyodide.code import find_imports
    try:
        return json.dumps(find_imports(src))
    except SyntaxError:
        return "[]"
`;

export type PackagesOutcome = { ok: true } | { ok: false; message: string; missing: string[] };

export function servedPackages(lock: ServedLock): ServedPackages {
	return { installed: lock.packages, notInstalled: lock.tool?.pairboard?.notInstalled ?? {} };
}

/**
 * Loads what `declared` and the imports of `sources` need. Says "Loading numpy…" through
 * `status` while it does; refuses, in words, when something needed is not installed.
 */
export async function preparePackages(
	py: PackageLoader,
	served: ServedPackages,
	declared: string[],
	sources: string[],
	status: (text: string | null) => void
): Promise<PackagesOutcome> {
	const find = py.globals.get('_pb_find_imports');
	const imports = sources.flatMap((src) => JSON.parse(find(src)) as string[]);
	const plan = planPackages(served, declared, imports);
	if (plan.missing.length > 0) {
		return { ok: false, missing: plan.missing, message: `This code ${missingPackagesMessage(plan.missing)}` };
	}
	const toLoad = plan.load.filter((key) => !(served.installed[key].name in py.loadedPackages));
	if (toLoad.length === 0) return { ok: true };
	status(`Loading ${toLoad.map((k) => served.installed[k].name).join(', ')}…`);
	const errors: string[] = [];
	try {
		await py.loadPackage(toLoad, { messageCallback: () => undefined, errorCallback: (m) => errors.push(m) });
	} finally {
		status(null);
	}
	const failed = toLoad.filter((k) => !(served.installed[k].name in py.loadedPackages));
	if (failed.length > 0) {
		const names = failed.map((k) => served.installed[k].name).join(', ');
		return {
			ok: false,
			missing: [],
			message: `Could not load ${names}: ${errors[0] ?? 'unknown error'}`.slice(0, 500)
		};
	}
	return { ok: true };
}
