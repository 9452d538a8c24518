/** The problem bank the problem tests check. */
import { fileURLToPath } from 'node:url';

export const PROBLEMS_DIR = fileURLToPath(new URL('../../problems', import.meta.url));
export const SAMPLE_IDS = ['moving-average', 'softmax-cross-entropy'];
