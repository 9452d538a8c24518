/**
 * The anonymiser's worker thread: rewrites one recording at a time without the candidate's name
 * (REPLAY-7). Nothing else runs here, so the seconds a long recording takes are this thread's,
 * not the rooms' (see AnonymiserThread).
 */
import { anonymiseRecording } from '../domain/anonymise/anonymiseRecording.js';
import { serveJobs } from '../background/serveJobs.js';
import type { AnonymiseJob } from './AnonymiserThread.js';
import { unpackEntries } from './packedEntries.js';

serveJobs((job: AnonymiseJob) => anonymiseRecording(unpackEntries(job.entries), job.candidateName, job.checkpointsAt));
