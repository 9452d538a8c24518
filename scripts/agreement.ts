// `npm run --silent agreement`: one JSON object of ratings on stdin, one JSON object of agreement
// statistics on stdout (the contract in issue 14 and DESIGN.md). Bad input exits 2 with one line
// on stderr saying what is wrong; nothing is printed on stdout then.
import { parseArgs } from 'node:util';
import { toContractJson } from '../src/lib/shared/agreement/contract.js';
import { AgreementInputError, computeAgreement, parseAgreementInput } from '../src/lib/shared/agreement/index.js';

const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const MAX_DRAWS = 100_000;
const EXIT_BAD_INPUT = 2;

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of process.stdin) {
		size += chunk.length;
		if (size > MAX_INPUT_BYTES) throw new AgreementInputError(`input is larger than ${MAX_INPUT_BYTES} bytes`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function whole(name: string, text: string | undefined, min: number, max: number): number | undefined {
	if (text === undefined) return undefined;
	const n = Number(text);
	if (!Number.isInteger(n) || n < min || n > max)
		throw new AgreementInputError(
			`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`
		);
	return n;
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { draws: { type: 'string' }, seed: { type: 'string' } } });
	const draws = whole('draws', values.draws, 1, MAX_DRAWS);
	const seed = whole('seed', values.seed, 0, 2 ** 32 - 1);
	const text = await readStdin();
	if (text.trim() === '') throw new AgreementInputError('no input: expected one JSON object on stdin');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		// V8 quotes the offending text in its message; keep only its first clause, on one line.
		throw new AgreementInputError(`input is not JSON: ${(e as Error).message.split(/, "|\n/)[0]}`);
	}
	const report = computeAgreement(parseAgreementInput(raw), { draws, seed });
	process.stdout.write(JSON.stringify(toContractJson(report)) + '\n');
}

main().catch((e: unknown) => {
	const known = e instanceof AgreementInputError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
	process.stderr.write(`agreement: ${(e as Error).message.split('\n')[0]}\n`);
	process.exitCode = known ? EXIT_BAD_INPUT : 1;
});
