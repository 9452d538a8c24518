import type { TableStatistics } from '../ports.js';
import { tableFigures } from './calibrationStatistics.js';

/** The figures computed where they are asked for: for tests and tools, never for a server with live rooms. */
export const figuresInThisThread: TableStatistics = {
	figures: async (tables) => tables.map(tableFigures)
};
