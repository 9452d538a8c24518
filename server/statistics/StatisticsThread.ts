import type { TableStatistics } from '../domain/ports.js';
import type { FiguresRequest, TableFigures } from '../domain/calibration/calibrationStatistics.js';
import { BackgroundThread, type BackgroundThreadOptions } from '../background/BackgroundThread.js';

/**
 * The calibration figures (CAL-9's reveal and exports, CAL-10's reliability) off the main thread.
 * Alpha's bootstrap interval resamples a table a thousand times: 5 ms for a calibration round's
 * table, 30 ms for 30 interviewers over 500 interviews, 170 ms for 60 over 2,000, and a page asks
 * for six to fourteen tables. In the request, that held every live room of the process (a reveal
 * refreshes every rater's page at once; reliability took 300 ms to 1.5 s).
 */
export class StatisticsThread implements TableStatistics {
	private readonly thread: BackgroundThread<FiguresRequest[], TableFigures[]>;

	constructor(opts: Pick<BackgroundThreadOptions, 'heapMb' | 'idleMs'> = {}) {
		this.thread = new BackgroundThread({
			main: new URL('./statisticsThreadMain.ts', import.meta.url),
			failure: 'The agreement figures could not be computed',
			heapMb: 512,
			...opts
		});
	}

	/** Jobs asked for so far (a job is one page's tables). */
	get jobs(): number {
		return this.thread.jobs;
	}

	/** The thread's nice value as it last reported it (null: it could not lower it, or no job yet). */
	get threadNice(): number | null {
		return this.thread.threadNice;
	}

	figures(tables: FiguresRequest[]): Promise<TableFigures[]> {
		return this.thread.run(tables);
	}

	/** Ends the thread; jobs still waiting fail. */
	close(): Promise<void> {
		return this.thread.close();
	}
}
