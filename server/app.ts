import path from 'node:path';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Config } from './config.js';
import { CLOSE } from '../src/lib/shared/protocol.js';
import { InterviewService } from './domain/InterviewService.js';
import { Recorder } from './domain/Recorder.js';
import { RoomActivity } from './domain/RoomActivity.js';
import { ConnectionQuota } from './domain/ConnectionQuota.js';
import { RefusalStrikes } from './domain/RefusalStrikes.js';
import { consoleLogger, nextTurn, nodeScheduler } from './system/timers.js';
import { RoomRegistry } from './domain/RoomRegistry.js';
import { openBus } from './bus/openBus.js';
import { WorkerUpdateGuard, type WorkerUpdateGuardOptions } from './guard/WorkerUpdateGuard.js';
import { AddressSockets, type AddressSocketLimits } from './transport/rateLimit/AddressSockets.js';
import { openStores } from './storage/openStores.js';
import { FileProblemCatalog, checkProblemCompetencies } from './storage/loadProblems.js';
import { toProblemCard } from './catalog/problemCards.js';
import { FileRubricCatalog } from './storage/loadRubrics.js';
import { ScorecardService } from './domain/ScorecardService.js';
import { LoopService } from './domain/LoopService.js';
import { ensureAdminKey } from './storage/adminKey.js';
import { createHttpApi } from './transport/httpApi.js';
import { createYjsSocket } from './transport/yjsSocket.js';
import { attachSocketIo } from './transport/socketIo.js';
import { applySecurityHeaders } from './transport/securityHeaders.js';
import { CandidateSignals } from './domain/CandidateSignals.js';
import { InterviewDeletion } from './domain/InterviewDeletion.js';
import { InterviewDirectory } from './domain/InterviewDirectory.js';
import { closeRenewedLinks } from './domain/closeRenewedLinks.js';
import { RecordingConsent } from './domain/RecordingConsent.js';
import { ReplayService } from './domain/ReplayService.js';
import { AnonymiserThread } from './anonymiser/AnonymiserThread.js';
import { StatisticsThread } from './statistics/StatisticsThread.js';
import { SharedFigures } from './statistics/SharedFigures.js';
import { KnownCredentials } from './domain/KnownCredentials.js';
import { limitFailedCredentials } from './transport/rateLimit/limitFailedCredentials.js';
import type { FailedCredentialLimiter } from './transport/rateLimit/FailedCredentialLimiter.js';
import { FlexibleFailedCredentialLimiter } from './transport/rateLimit/FlexibleFailedCredentialLimiter.js';
import { createPyodideAssets } from './transport/pyodideAssets.js';
import { PythonPackages } from './python/PythonPackages.js';
import { PYODIDE_VERSION, readPinnedLock } from './python/pinnedPyodide.js';
import { PeopleService } from './domain/calibration/PeopleService.js';
import { CalibrationService } from './domain/calibration/CalibrationService.js';
import { RaterScoring } from './domain/calibration/RaterScoring.js';
import { ReliabilityService } from './domain/calibration/ReliabilityService.js';
import { CalibrationExports } from './domain/calibration/CalibrationExports.js';

/** How often ended take-homes are looked for. */
export const TAKE_HOME_SWEEP_MS = 2_000;
/** RET-1: how often recordings past their retention period are looked for. */
export const RETENTION_SWEEP_MS = 3600_000;

export interface PairboardOptions {
	config: Config;
	dev?: boolean;
	guard?: WorkerUpdateGuardOptions;
	/** Counts failed credentials per client address; in memory unless given (a shared one for several processes). */
	credentialLimiter?: FailedCredentialLimiter;
	/** LIMIT-8's limits (tests make them small). */
	addressSockets?: AddressSocketLimits;
}

export type Pairboard = Awaited<ReturnType<typeof createPairboard>>;

/** Wires storage, domain and transports once; production, dev and tests all call this. */
export async function createPairboard({
	config,
	dev = false,
	guard: guardOptions,
	credentialLimiter = new FlexibleFailedCredentialLimiter(),
	addressSockets: addressSocketLimits
}: PairboardOptions) {
	const admin = ensureAdminKey(config.dataDir, config.adminKey);
	const problems = FileProblemCatalog.fromDir(config.problemsDir);
	const rubrics = FileRubricCatalog.fromDir(
		config.rubricsDir ?? path.join(path.dirname(config.problemsDir), 'rubrics')
	);
	checkProblemCompetencies(problems.list(), new Set(rubrics.list().flatMap((r) => r.competencies.map((c) => c.id))));
	// One database (SQLite, or PostgreSQL with PAIRBOARD_DATABASE_URL), every migration run here;
	// a repository per concept on it.
	const stores = await openStores(config);
	// In-process fan-out, or Redis with PAIRBOARD_REDIS_URL (issue 13).
	const fanOut = await openBus(config.redisUrl, consoleLogger).catch(async (err: unknown) => {
		await stores.close();
		throw err;
	});
	const bus = fanOut.bus;
	const processId = randomUUID();
	const clock = { now: () => Date.now() };
	const ids = {
		newId: () => randomBytes(9).toString('base64url'),
		newToken: () => randomBytes(24).toString('base64url'),
		hashToken: (t: string) => createHash('sha256').update(t).digest('hex')
	};
	// Issue 14: people, and the interviewers of older interviews made people once (PEOPLE-2).
	const people = new PeopleService({ store: stores.people, clock, newId: ids.newId });
	const backfilled = await people.backfill().catch(async (err: unknown) => {
		await stores.close();
		throw err;
	});
	if (backfilled > 0) console.log(`[pairboard] people: ${backfilled} interviewer link(s) linked to people`);
	const interviews = new InterviewService({
		store: stores.interviews,
		problems,
		clock,
		rubrics,
		retentionDays: config.retentionDays ?? null,
		people,
		raterTokens: {
			isRaterTokenHash: async (hash) => (await stores.calibrations.findRaterByTokenHash(hash)) !== undefined
		},
		...ids
	});
	// Scorecards and loops: own tables, never in the log or a Yjs document.
	const scorecards = new ScorecardService({ store: stores.scorecards, interviews, rubrics, clock });
	const loops = new LoopService({
		store: stores.loops,
		scorecards: stores.scorecards,
		interviews,
		rubrics,
		clock,
		...ids
	});
	// The calibration figures on a thread of their own, each table computed once while remembered.
	const statisticsThread = new StatisticsThread();
	const statistics = new SharedFigures(statisticsThread);
	const calibrations = new CalibrationService({
		store: stores.calibrations,
		peopleStore: stores.people,
		people,
		interviews,
		scorecards: stores.scorecards,
		rubrics,
		problems,
		clock,
		statistics,
		...ids
	});
	const raters = new RaterScoring(calibrations);
	const reliability = new ReliabilityService({
		interviews,
		interviewStore: stores.interviews,
		scorecards: stores.scorecards,
		people: stores.people,
		calibrationStore: stores.calibrations,
		calibrations,
		rubrics,
		clock,
		statistics,
		nextTurn
	});
	const recorder = new Recorder(stores.log, nextTurn);
	// Issue 6: replay, consent, candidate signals, deletion and retention.
	const signals = new CandidateSignals(recorder, clock);
	const consent = new RecordingConsent({ store: stores.consent, recorder, clock });
	const deletion = new InterviewDeletion({
		interviews: stores.interviews,
		erasure: stores.erasure,
		recorder,
		clock,
		retentionDays: config.retentionDays ?? null,
		nextTurn
	});
	const anonymiser = new AnonymiserThread();
	const replay = new ReplayService({
		interviews,
		reviewerLinks: stores.reviewerLinks,
		log: stores.log,
		problems,
		clock,
		newId: () => randomBytes(9).toString('base64url'),
		newToken: () => randomBytes(24).toString('base64url'),
		hashToken: (t) => createHash('sha256').update(t).digest('hex'),
		panels: loops,
		raters,
		anonymiser
	});
	const guard = new WorkerUpdateGuard({
		...guardOptions,
		onRestart: (reason) => {
			console.warn(`[pairboard] update checker restarted: ${reason}`);
			guardOptions?.onRestart?.(reason);
		}
	});
	const rooms = new RoomRegistry({
		interviews,
		log: stores.log,
		recorder,
		guard,
		bus,
		clock,
		scheduler: nodeScheduler,
		logger: consoleLogger,
		processId,
		signals
	});
	deletion.onDeleting((id, reason) => rooms.discardInterview(id, CLOSE.NOT_FOUND, reason));
	const activity = new RoomActivity(recorder, clock);
	// Issue 13: with Redis, the processes share each room's people and state.
	const leaveCluster =
		fanOut.health().kind === 'redis'
			? activity.joinCluster({ bus, processId, log: stores.log, clock, scheduler: nodeScheduler })
			: () => undefined;
	const stopWatchingEnds = activity.watchEnds(interviews, consoleLogger);
	// Issue 17: the organizer's list, and closing what a replaced link still has open.
	const directory = new InterviewDirectory({
		interviews: stores.interviews,
		loops: stores.loops,
		problems,
		presence: activity,
		clock
	});
	const stopClosingRenewed = closeRenewedLinks({ interviews, rooms, bus, processId });
	const quota = new ConnectionQuota();
	// Per process, like LIMIT-1: a proxy in front spreads one address over the processes.
	const addressSockets = new AddressSockets(clock, addressSocketLimits);
	const strikes = new RefusalStrikes(clock);
	const python = new PythonPackages(PYODIDE_VERSION, readPinnedLock(), config.pythonPackagesDir ?? null);
	const pyodideAssets = createPyodideAssets({ packages: python });
	const api = createHttpApi({
		interviews,
		directory,
		activity,
		scorecards,
		loops,
		replay,
		consent,
		deletion,
		log: stores.log,
		problems,
		rubrics,
		adminKey: admin.key,
		publicUrl: config.publicUrl,
		problemCards: () => problems.list().map((p) => toProblemCard(p, (names) => python.missing(names))),
		python,
		bus,
		processId,
		health: async () => ({ database: await stores.health(), bus: fanOut.health() }),
		healthDetails: () => ({
			python: { pyodide: PYODIDE_VERSION, packages: python.available(), problem: python.problem() }
		}),
		people,
		calibrations,
		raters,
		reliability,
		calibrationExports: new CalibrationExports(calibrations)
	});
	// Issue 12, item 8: every 401 to a request that carried a credential counts against its address.
	const known = new KnownCredentials({
		isAdminKey: (k) => k.length === admin.key.length && timingSafeEqual(Buffer.from(k), Buffer.from(admin.key)),
		hashToken: ids.hashToken,
		participants: stores.interviews,
		reviewers: stores.reviewerLinks,
		panels: stores.loops,
		raters: stores.calibrations
	});
	const limitedApi = limitFailedCredentials((req, res) => api.handle(req, res), credentialLimiter, {
		isKnownCredential: (c) => known.isKnown(c),
		trustProxy: config.trustProxy
	});
	const detach: (() => void)[] = [];

	// TAKE-3: take-homes end by themselves when their time runs out (writes already stop at the
	// deadline; this marks the end, records it and tells the room).
	const sweep = setInterval(() => {
		interviews.endExpired().catch((err) => console.error('[pairboard] deadline sweep failed:', err));
	}, TAKE_HOME_SWEEP_MS);
	sweep.unref();
	// RET-1: once at start, then every hour.
	const retentionSweep = () =>
		deletion.sweep().then(
			(ids) => ids.length > 0 && console.log(`[pairboard] retention: deleted ${ids.length} interview(s)`),
			(err) => console.error('[pairboard] retention sweep failed:', err)
		);
	void retentionSweep();
	const retention = setInterval(retentionSweep, RETENTION_SWEEP_MS);
	retention.unref();

	/** Attaches Socket.IO and the Yjs endpoint to an HTTP server (production or Vite's). */
	function attach(httpServer: HttpServer): void {
		const yjs = createYjsSocket({
			interviews,
			rooms,
			quota,
			strikes,
			credentials: credentialLimiter,
			addressSockets,
			trustProxy: config.trustProxy
		});
		const io = attachSocketIo(httpServer, {
			interviews,
			activity,
			signals,
			deletion,
			quota,
			credentials: credentialLimiter,
			addressSockets,
			trustProxy: config.trustProxy,
			adapter: fanOut.socketIoAdapter
		});
		const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			if (yjs.handles(req)) yjs.upgrade(req, socket, head);
			else if (!dev && !(req.url ?? '').startsWith('/socket.io/')) socket.destroy();
		};
		httpServer.on('upgrade', onUpgrade);
		detach.push(() => {
			httpServer.off('upgrade', onUpgrade);
			yjs.close();
			void io.close();
		});
	}

	/** Security headers on everything, then the JSON API; anything else goes to `next`. */
	async function handle(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
		applySecurityHeaders(res, { dev });
		if (await pyodideAssets(req, res)) return;
		if (await limitedApi(req, res)) return;
		next();
	}

	async function close(): Promise<void> {
		clearInterval(sweep);
		clearInterval(retention);
		stopWatchingEnds();
		leaveCluster();
		stopClosingRenewed();
		for (const d of detach.splice(0)) d();
		await rooms.closeAll(CLOSE.SHUTTING_DOWN, 'The server is restarting');
		await recorder.drain();
		await guard.close();
		await anonymiser.close();
		await statisticsThread.close();
		api.close();
		await fanOut.close();
		await stores.close();
	}

	return {
		adminKey: admin.key,
		adminKeyGenerated: admin.generated,
		stores,
		interviews,
		scorecards,
		loops,
		rooms,
		guard,
		recorder,
		deletion,
		replay,
		anonymiser,
		statistics,
		statisticsThread,
		people,
		calibrations,
		python,
		attach,
		handle,
		close
	};
}
