import type { IncomingMessage } from 'node:http';
import { CreatePersonSchema, UpdatePersonSchema, type PeopleList } from '../../../src/lib/shared/calibration/people.js';
import { toPerson, type PeopleService } from '../../domain/calibration/PeopleService.js';
import type { ReliabilityService } from '../../domain/calibration/ReliabilityService.js';
import { json, readBody, requireAdminOnly, route, type Route } from '../http.js';

export interface PeopleRouteDeps {
	people: PeopleService;
	reliability: ReliabilityService;
	adminKey: string;
}

/** The organizer's list of people (PEOPLE-1..3) and a person's history (CAL-11); admin key only. */
export function peopleRoutes(deps: PeopleRouteDeps): Route[] {
	const adminOnly = (req: IncomingMessage, url: URL) => requireAdminOnly(req, url, deps.adminKey);
	return [
		route('GET', '/api/people', async ({ req, res, url }) => {
			adminOnly(req, url);
			const reply: PeopleList = { people: await deps.people.list() };
			json(res, 200, reply);
		}),
		route('POST', '/api/people', async ({ req, res, url }) => {
			adminOnly(req, url);
			json(res, 201, await deps.people.create(await readBody(req, CreatePersonSchema)));
		}),
		route('GET', '/api/people/:personId', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			json(res, 200, toPerson(await deps.people.require(params.personId)));
		}),
		route('PUT', '/api/people/:personId', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			json(res, 200, await deps.people.update(params.personId, await readBody(req, UpdatePersonSchema)));
		}),
		route('DELETE', '/api/people/:personId', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			await deps.people.delete(params.personId);
			json(res, 200, { deleted: true });
		}),
		route('GET', '/api/people/:personId/history', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			json(res, 200, await deps.reliability.history(params.personId));
		})
	];
}
