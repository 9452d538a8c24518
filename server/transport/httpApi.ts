import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InterviewDeletion } from '../domain/InterviewDeletion.js';
import type { InterviewService, ProblemCatalog } from '../domain/InterviewService.js';
import type { LoopService } from '../domain/LoopService.js';
import type { Bus, LogStore } from '../domain/ports.js';
import type { RecordingConsent } from '../domain/RecordingConsent.js';
import type { ReplayService } from '../domain/ReplayService.js';
import type { RubricCatalog, ScorecardService } from '../domain/ScorecardService.js';
import type { ProblemCard } from '../../src/lib/shared/problemCatalog.js';
import type { CalibrationExports } from '../domain/calibration/CalibrationExports.js';
import type { CalibrationService } from '../domain/calibration/CalibrationService.js';
import type { PeopleService } from '../domain/calibration/PeopleService.js';
import type { RaterScoring } from '../domain/calibration/RaterScoring.js';
import type { ReliabilityService } from '../domain/calibration/ReliabilityService.js';
import { createRouter } from './http.js';
import { calibrationAdminRoutes, calibrationFeed, calibrationRaterRoutes } from './http/calibrationRoutes.js';
import { peopleRoutes } from './http/peopleRoutes.js';
import { raterGate } from './http/raterGate.js';
import { catalogRoutes } from './http/catalogRoutes.js';
import { ChangeFeeds } from './http/changeFeeds.js';
import { healthRoutes, type HealthCheck } from './http/healthRoutes.js';
import { interviewRoutes } from './http/interviewRoutes.js';
import { loopRoutes } from './http/loopRoutes.js';
import { replayRoutes } from './http/replayRoutes.js';
import { scorecardRoutes } from './http/scorecardRoutes.js';

export interface HttpApiDeps {
	interviews: InterviewService;
	scorecards: ScorecardService;
	loops: LoopService;
	replay: ReplayService;
	consent: RecordingConsent;
	deletion: InterviewDeletion;
	log: Pick<LogStore, 'readLog'>;
	problems: ProblemCatalog;
	problemCards: () => ProblemCard[];
	rubrics: RubricCatalog;
	adminKey: string;
	/** Base URL for links when PAIRBOARD_PUBLIC_URL is not set: from the request. */
	publicUrl?: string;
	/** Which declared Python packages this server cannot serve (PythonPackages). */
	python?: { missing(names: string[]): string[] };
	/** Issue 13: change feeds fan out across processes through it; this process's id on it. */
	bus?: Bus;
	processId?: string;
	/** The state of the database and the bus, for `GET /api/health`. */
	health?: HealthCheck;
	/** Fields `GET /api/health` adds beside them (the Python packages). */
	healthDetails?: () => Record<string, unknown>;
	/** Issue 14: people and calibration. */
	people: PeopleService;
	calibrations: CalibrationService;
	raters: RaterScoring;
	reliability: ReliabilityService;
	calibrationExports: CalibrationExports;
}

export interface HttpApi {
	/** Answers a request under `/api/`; false for anything else. */
	handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
	/** Ends the open event streams. */
	close(): void;
}

/**
 * The JSON API: every feature's routes on one router. It runs in front of SvelteKit in
 * production and as Vite middleware in development, so both share one instance of the domain
 * (SvelteKit routes would get a second copy under Vite's SSR loader).
 */
export function createHttpApi(deps: HttpApiDeps): HttpApi {
	const feeds = new ChangeFeeds(deps.bus, deps.processId);
	const unsubscribe = deps.scorecards.onSubmitted((interviewId) => {
		feeds.notify(`interview:${interviewId}`);
		void deps.loops
			.loopsOfInterview(interviewId)
			.then((ids) => ids.forEach((id) => feeds.notify(`loop:${id}`)))
			.catch((err) => console.error('[pairboard] loop notification failed:', err));
	});
	const stopCalibrationFeeds = deps.calibrations.onChanged((id) => feeds.notify(calibrationFeed(id)));
	const calibration = { ...deps, exports: deps.calibrationExports, feeds };
	const replay = replayRoutes(deps);
	const raterRoutes = calibrationRaterRoutes(calibration);
	const router = createRouter([
		...healthRoutes(deps.health, deps.healthDetails),
		...catalogRoutes(deps),
		...interviewRoutes(deps),
		...scorecardRoutes({ ...deps, feeds }),
		...loopRoutes({ ...deps, feeds }),
		...replay,
		...peopleRoutes(deps),
		...calibrationAdminRoutes(calibration),
		...raterRoutes
	]);
	// CAL-3: a rater token opens its own routes and the replay's reads; anything else is 403.
	const handle = raterGate(router, {
		isRaterToken: (t) => deps.raters.isRaterToken(t),
		allowed: [...raterRoutes, ...replay.filter((r) => r.method === 'GET' && r.path.includes('/replay'))]
	});
	return {
		handle,
		close() {
			unsubscribe();
			stopCalibrationFeeds();
			feeds.closeAll();
		}
	};
}
