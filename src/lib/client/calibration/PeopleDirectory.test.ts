import { describe, expect, it } from 'vitest';
import { PeopleDirectory, toPersonFields, type PersonFields, type PersonLike } from './PeopleDirectory.svelte';

function fakeApi(initial: PersonLike[], failList = false) {
	let next = 10;
	const stored = [...initial];
	return {
		stored,
		list: async () => {
			if (failList) throw new Error('The server answered 500');
			return [...stored];
		},
		create: async (f: PersonFields) => {
			const p = { id: `p${++next}`, ...f };
			stored.push(p);
			return p;
		},
		update: async (id: string, f: PersonFields) => {
			const p = { id, ...f };
			stored.splice(
				stored.findIndex((s) => s.id === id),
				1,
				p
			);
			return p;
		}
	};
}

const ana = { id: 'p1', name: 'Ana Lima', email: 'ana@example.com', role: null, level: null };
const ben = { id: 'p2', name: 'Ben Okafor', email: null, role: 'ML engineer', level: 'Senior' };

describe('PeopleDirectory', () => {
	it('loads the people sorted by name and finds one whatever the case and spacing', async () => {
		const dir = new PeopleDirectory(fakeApi([ben, ana]));
		await dir.load();
		expect(dir.phase).toEqual({ name: 'ready' });
		expect(dir.people.map((p) => p.name)).toEqual(['Ana Lima', 'Ben Okafor']);
		expect(dir.find('  ana   LIMA ')?.id).toBe('p1');
		expect(dir.find('Ana')).toBeUndefined();
		expect(dir.find('   ')).toBeUndefined();
	});

	it('says why the list could not be loaded', async () => {
		const dir = new PeopleDirectory(fakeApi([], true));
		await dir.load();
		expect(dir.phase).toEqual({ name: 'error', message: 'The server answered 500' });
	});

	it('adds and edits people, keeping the list in order', async () => {
		const api = fakeApi([ben]);
		const dir = new PeopleDirectory(api);
		await dir.load();
		await dir.add(toPersonFields({ name: ' Cy  Park ', email: '', role: 'Staff', level: '' }));
		expect(dir.people.map((p) => p.name)).toEqual(['Ben Okafor', 'Cy Park']);
		expect(api.stored.at(-1)).toMatchObject({ name: 'Cy Park', email: null, role: 'Staff', level: null });
		await dir.edit('p2', toPersonFields({ name: 'Abe Okafor', email: 'abe@example.com', role: '', level: '' }));
		expect(dir.people.map((p) => p.name)).toEqual(['Abe Okafor', 'Cy Park']);
	});
});
