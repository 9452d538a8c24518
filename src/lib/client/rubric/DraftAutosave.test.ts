import { describe, expect, it } from 'vitest';
import { DraftAutosave, SAVE_DEBOUNCE_MS, SAVE_RETRY_MS, type AutosaveStatus, type Timers } from './DraftAutosave';

/** A clock the test moves by hand. */
class FakeClock implements Timers {
	now = 0;
	private next = 1;
	private pending = new Map<number, { at: number; fn: () => void }>();
	set(fn: () => void, ms: number) {
		const id = this.next++;
		this.pending.set(id, { at: this.now + ms, fn });
		return id;
	}
	clear(handle: unknown) {
		this.pending.delete(handle as number);
	}
	get waiting() {
		return this.pending.size;
	}
	/** Moves time on, firing each timer that falls due, in order. */
	advance(ms: number) {
		const until = this.now + ms;
		for (;;) {
			const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) break;
			this.pending.delete(due[0]);
			this.now = due[1].at;
			due[1].fn();
		}
		this.now = until;
	}
}

/** A server whose answers the test gives, one request at a time. */
class FakeServer {
	requests: { snapshot: string; answer(savedAt: number): void; fail(reason: string): void }[] = [];
	inFlight = 0;
	maxInFlight = 0;
	send = (snapshot: string) =>
		new Promise<{ savedAt: number }>((resolve, reject) => {
			this.inFlight++;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			const settle = () => this.inFlight--;
			this.requests.push({
				snapshot,
				answer: (savedAt) => (settle(), resolve({ savedAt })),
				fail: (reason) => (settle(), reject(new Error(reason)))
			});
		});
}

const flush = () => new Promise((r) => setImmediate(r));

function setup(initial = '{"a":0}') {
	const clock = new FakeClock();
	const server = new FakeServer();
	let form = initial;
	const autosave = new DraftAutosave({ read: () => form, send: server.send, timers: clock });
	autosave.reset(initial, { state: 'idle' });
	const seen: AutosaveStatus['state'][] = [];
	autosave.subscribe((s) => seen.push(s.state));
	const edit = (next: string) => {
		form = next;
		autosave.changed(next);
	};
	return { clock, server, autosave, edit, seen };
}

describe('DraftAutosave', () => {
	it('debounce: a burst of changes is sent once, after the pause, with the newest form', async () => {
		const { clock, server, autosave, edit } = setup();
		edit('{"a":1}');
		expect(autosave.status).toEqual({ state: 'saving' });
		clock.advance(SAVE_DEBOUNCE_MS - 1);
		edit('{"a":2}');
		clock.advance(SAVE_DEBOUNCE_MS - 1);
		expect(server.requests).toHaveLength(0);
		clock.advance(1);
		expect(server.requests.map((r) => r.snapshot)).toEqual(['{"a":2}']);
		server.requests[0].answer(42_000);
		await flush();
		expect(autosave.status).toEqual({ state: 'saved', at: 42_000 });
	});

	it('a form equal to what the server holds is not sent again', () => {
		const { clock, server, autosave, edit, seen } = setup('{"a":0}');
		edit('{"a":0}');
		clock.advance(SAVE_DEBOUNCE_MS * 10);
		expect(server.requests).toHaveLength(0);
		expect(autosave.status).toEqual({ state: 'idle' });
		expect(seen).toEqual(['idle']);
	});

	it('save in flight: one request at a time; a change meanwhile is sent after it, and the indicator keeps saying Saving…', async () => {
		const { clock, server, autosave, edit } = setup();
		edit('{"a":1}');
		clock.advance(SAVE_DEBOUNCE_MS);
		expect(server.requests).toHaveLength(1);
		edit('{"a":2}');
		clock.advance(SAVE_DEBOUNCE_MS * 3); // the timer fires while the first save is on its way
		expect(server.requests).toHaveLength(1);
		server.requests[0].answer(1);
		await flush();
		// The server has {"a":1}, the form says {"a":2}: not "saved" yet.
		expect(autosave.status).toEqual({ state: 'saving' });
		clock.advance(SAVE_DEBOUNCE_MS);
		expect(server.requests.map((r) => r.snapshot)).toEqual(['{"a":1}', '{"a":2}']);
		expect(server.maxInFlight).toBe(1);
		server.requests[1].answer(2);
		await flush();
		expect(autosave.status).toEqual({ state: 'saved', at: 2 });
	});

	it('a failed save shows the reason and is retried after SAVE_RETRY_MS', async () => {
		const { clock, server, autosave, edit } = setup();
		edit('{"a":1}');
		clock.advance(SAVE_DEBOUNCE_MS);
		server.requests[0].fail('The server answered 503');
		await flush();
		expect(autosave.status).toEqual({ state: 'error', reason: 'The server answered 503' });
		clock.advance(SAVE_RETRY_MS - 1);
		expect(server.requests).toHaveLength(1);
		clock.advance(1);
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].snapshot).toBe('{"a":1}');
		server.requests[1].answer(7);
		await flush();
		expect(autosave.status).toEqual({ state: 'saved', at: 7 });
	});

	it('submit waits for a save in flight, and drops a save still waiting for its pause', async () => {
		const { clock, server, autosave, edit } = setup();
		edit('{"a":1}');
		clock.advance(SAVE_DEBOUNCE_MS);
		edit('{"a":2}'); // waits for its pause
		let settled = false;
		const settling = autosave.settle().then(() => (settled = true));
		await flush();
		expect(settled).toBe(false);
		server.requests[0].answer(1);
		await settling;
		expect(settled).toBe(true);
		clock.advance(SAVE_DEBOUNCE_MS * 10);
		expect(server.requests).toHaveLength(1);
		expect(clock.waiting).toBe(0);
	});

	it('settle with nothing on its way resolves at once', async () => {
		const { autosave } = setup();
		await expect(autosave.settle()).resolves.toBeUndefined();
	});

	it('forget: an amendment that starts from the submitted scores is saved even though nothing changed', () => {
		const { clock, server, autosave, edit } = setup('{"a":1}');
		autosave.forget();
		edit('{"a":1}');
		clock.advance(SAVE_DEBOUNCE_MS);
		expect(server.requests.map((r) => r.snapshot)).toEqual(['{"a":1}']);
	});

	it('reset takes the stored draft as sent and shows its time; dispose cancels a pending save', () => {
		const { clock, server, autosave, edit } = setup();
		autosave.reset('{"b":1}', { state: 'saved', at: 99 });
		expect(autosave.status).toEqual({ state: 'saved', at: 99 });
		edit('{"b":1}');
		expect(autosave.status).toEqual({ state: 'saved', at: 99 });
		edit('{"b":2}');
		autosave.dispose();
		clock.advance(SAVE_DEBOUNCE_MS * 10);
		expect(server.requests).toHaveLength(0);
	});
});
