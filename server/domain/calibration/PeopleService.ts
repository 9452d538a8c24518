import {
	personNameKey,
	type CreatePerson,
	type Person,
	type PersonRef,
	type UpdatePerson
} from '../../../src/lib/shared/calibration/people.js';
import { DomainError } from '../errors.js';
import type { Clock, PeopleStore } from '../ports.js';
import type { PersonRecord } from './calibrationTypes.js';

export interface PeopleDeps {
	store: PeopleStore;
	clock: Clock;
	newId(): string;
}

/** The organizer's list of interviewers (PEOPLE-1..3). Inputs arrive validated by their schemas. */
export class PeopleService {
	constructor(private readonly deps: PeopleDeps) {}

	async list(): Promise<Person[]> {
		return (await this.deps.store.listPeople()).map(toPerson);
	}

	async require(id: string): Promise<PersonRecord> {
		const p = await this.deps.store.getPerson(id);
		if (!p) throw new DomainError('not_found', `No person with id "${id}"`);
		return p;
	}

	async create(input: CreatePerson): Promise<Person> {
		const person: PersonRecord = {
			id: this.deps.newId(),
			name: input.name,
			email: input.email ?? null,
			role: emptyToNull(input.role),
			level: emptyToNull(input.level),
			createdAt: this.deps.clock.now()
		};
		if (!(await this.deps.store.createPerson(person))) throw emailTaken(person.email);
		return toPerson(person);
	}

	async update(id: string, input: UpdatePerson): Promise<Person> {
		const current = await this.require(id);
		const next: PersonRecord = {
			...current,
			...(input.name !== undefined ? { name: input.name } : {}),
			...(input.email !== undefined ? { email: input.email } : {}),
			...(input.role !== undefined ? { role: emptyToNull(input.role) } : {}),
			...(input.level !== undefined ? { level: emptyToNull(input.level) } : {})
		};
		if (!(await this.deps.store.updatePerson(next))) {
			if (!(await this.deps.store.getPerson(id))) throw new DomainError('not_found', `No person with id "${id}"`);
			throw emailTaken(next.email);
		}
		return toPerson(next);
	}

	/** PEOPLE-3 */
	async delete(id: string): Promise<void> {
		const person = await this.require(id);
		const { interviewLinks, raterLinks } = await this.deps.store.linksOf(id);
		if (interviewLinks + raterLinks > 0) {
			throw new DomainError(
				'conflict',
				`${person.name} is named by ${describeLinks(interviewLinks, raterLinks)}, whose scores would lose their person; delete those first`
			);
		}
		await this.deps.store.deletePerson(id);
	}

	/**
	 * PEOPLE-1: the person each reference names, creating one for a new name. Everything is checked
	 * before anyone is created, so a refused list (a person twice, an unknown id) creates nobody.
	 */
	async resolve(refs: PersonRef[], field: string): Promise<PersonRecord[]> {
		const found: (PersonRecord | { newName: string })[] = [];
		const keys: string[] = [];
		for (const [i, ref] of refs.entries()) {
			const at = `${field}[${i}]`;
			const person = await this.find(ref, at);
			const key = 'id' in person ? person.id : `new:${personNameKey(person.newName)}`;
			if (keys.includes(key)) {
				const name = 'id' in person ? person.name : person.newName;
				throw new DomainError('invalid', `${at} names ${name} a second time`, at);
			}
			keys.push(key);
			found.push(person);
		}
		const out: PersonRecord[] = [];
		for (const p of found) {
			if ('id' in p) {
				out.push(p);
				continue;
			}
			const person: PersonRecord = {
				id: this.deps.newId(),
				name: p.newName,
				email: null,
				role: null,
				level: null,
				createdAt: this.deps.clock.now()
			};
			// Someone else may have named them meanwhile: then that person is the one.
			out.push(await this.deps.store.createPersonNamed(person));
		}
		return out;
	}

	private async find(ref: PersonRef, field: string): Promise<PersonRecord | { newName: string }> {
		if (ref.personId !== undefined) {
			const p = await this.deps.store.getPerson(ref.personId);
			if (!p)
				throw new DomainError(
					'invalid',
					`${field}.personId "${ref.personId}" is not a known person`,
					`${field}.personId`
				);
			return p;
		}
		const name = ref.name!;
		const same = await this.deps.store.findPeopleByNameKey(personNameKey(name));
		if (same.length === 1) return same[0];
		if (same.length > 1) {
			throw new DomainError(
				'invalid',
				`${field}.name: ${same.length} people are named "${name}"; pick one by personId`,
				`${field}.name`
			);
		}
		return { newName: name.trim().replace(/\s+/g, ' ') };
	}

	/** PEOPLE-2: every interviewer link without a person gets one (one per distinct name); answers how many were linked. */
	async backfill(): Promise<number> {
		const unlinked = await this.deps.store.listUnlinkedInterviewers();
		const byKey = new Map<string, PersonRecord>();
		for (const participant of unlinked) {
			const key = personNameKey(participant.name);
			let person = byKey.get(key);
			if (!person) {
				[person] = await this.resolve([{ name: participant.name }], 'interviewers');
				byKey.set(key, person);
			}
			await this.deps.store.linkParticipant(participant.id, person.id);
		}
		return unlinked.length;
	}
}

export function toPerson(p: PersonRecord): Person {
	return { id: p.id, name: p.name, email: p.email, role: p.role, level: p.level, createdAt: p.createdAt };
}

function emptyToNull(s: string | null | undefined): string | null {
	return s === undefined || s === null || s === '' ? null : s;
}

function emailTaken(email: string | null): DomainError {
	return new DomainError('conflict', `Another person already has the email ${email}`, 'email');
}

function describeLinks(interviewLinks: number, raterLinks: number): string {
	const parts = [];
	if (interviewLinks > 0) parts.push(`${interviewLinks} interview link${interviewLinks === 1 ? '' : 's'}`);
	if (raterLinks > 0) parts.push(`${raterLinks} calibration rater link${raterLinks === 1 ? '' : 's'}`);
	return parts.join(' and ');
}
