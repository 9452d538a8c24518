/** A benchmark's numeric flag (`--name 123`), or `dflt` when it is not given. */
export const arg = (name: string, dflt: number): number => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
