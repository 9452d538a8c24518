import { it } from 'vitest';
import { TEST_DATABASE_URL } from '../../server/testing/postgresTestSchemas.js';

/** The Redis the scale-out tests share (.ci/run sets it, via scripts/ci-services.sh). */
export const TEST_REDIS_URL = process.env.PAIRBOARD_TEST_REDIS_URL;

export const NEEDS_SERVICES =
	'needs PAIRBOARD_TEST_DATABASE_URL and PAIRBOARD_TEST_REDIS_URL (a PostgreSQL and a Redis; .ci/run sets them)';

/** Whether the scale-out tests can run here. */
export const HAVE_SERVICES = Boolean(TEST_DATABASE_URL && TEST_REDIS_URL);

/**
 * Without the services the suites are reported as skipped, under a name that says why; under CI
 * (`CI` set) that is a failure, never a silent pass.
 */
export function failUnderCiWithoutServices(what: string): void {
	if (HAVE_SERVICES) return;
	if (process.env.CI) {
		it(`${what}: PAIRBOARD_TEST_DATABASE_URL and PAIRBOARD_TEST_REDIS_URL must be set under CI`, () => {
			throw new Error(`${what} were not tested: ${NEEDS_SERVICES}`);
		});
	} else console.warn(`[tests] ${what} skipped: ${NEEDS_SERVICES}`);
}
