/** The statistics' worker thread: the figures of one page's tables at a time (see StatisticsThread). */
import { serveJobs } from '../background/serveJobs.js';
import { tableFigures, type FiguresRequest } from '../domain/calibration/calibrationStatistics.js';

serveJobs((tables: FiguresRequest[]) => tables.map(tableFigures));
