import { personNameKey as nameKey } from '$lib/shared/calibration/people';

/**
 * The organizer's list of interviewers (people), shared by the people section and the
 * interviewer picker, so a person added in one shows up in the other at once.
 */
export interface PersonLike {
	id: string;
	name: string;
	email: string | null;
	role: string | null;
	level: string | null;
}

export interface PersonFields {
	name: string;
	email: string | null;
	role: string | null;
	level: string | null;
}

export interface PeopleApi<P extends PersonLike> {
	list(): Promise<P[]>;
	create(fields: PersonFields): Promise<P>;
	update(id: string, fields: PersonFields): Promise<P>;
}

export type PeoplePhase = { name: 'loading' } | { name: 'error'; message: string } | { name: 'ready' };

export class PeopleDirectory<P extends PersonLike = PersonLike> {
	people = $state<P[]>([]);
	phase = $state<PeoplePhase>({ name: 'loading' });

	constructor(private readonly api: PeopleApi<P>) {}

	async load(): Promise<void> {
		try {
			this.people = sortByName(await this.api.list());
			this.phase = { name: 'ready' };
		} catch (err) {
			this.phase = { name: 'error', message: (err as Error).message };
		}
	}

	/** The person with this name, if there is one. */
	find(name: string): P | undefined {
		const key = nameKey(name);
		return key ? this.people.find((p) => nameKey(p.name) === key) : undefined;
	}

	async add(fields: PersonFields): Promise<P> {
		const person = await this.api.create(fields);
		this.people = sortByName([...this.people, person]);
		return person;
	}

	async edit(id: string, fields: PersonFields): Promise<P> {
		const person = await this.api.update(id, fields);
		this.people = sortByName(this.people.map((p) => (p.id === id ? person : p)));
		return person;
	}
}

function sortByName<P extends PersonLike>(list: P[]): P[] {
	return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

/** Form text to fields: trimmed, and an empty optional field is null rather than "". */
export function toPersonFields(form: { name: string; email: string; role: string; level: string }): PersonFields {
	const opt = (s: string) => (s.trim() ? s.trim() : null);
	return {
		name: form.name.trim().replace(/\s+/g, ' '),
		email: opt(form.email),
		role: opt(form.role),
		level: opt(form.level)
	};
}
