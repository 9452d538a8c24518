import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { SessionView } from '$lib/shared/protocol';
import { seedScene, type CanvasElement } from '$lib/shared/canvas/canvasDoc';
import { openDocProvider } from '$lib/client/room/openDocProvider';

export type CanvasConnection = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface CanvasState {
	connection: CanvasConnection;
	synced: boolean;
	refusal: string | null;
}

/** The interview's `canvas` document over the Yjs socket, connected for as long as the room is open. */
export class CanvasClient {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	private state: CanvasState = { connection: 'connecting', synced: false, refusal: null };
	private listeners = new Set<(s: CanvasState) => void>();
	private everConnected = false;
	/** Scenes to add once the document has synced (adding earlier could race a stored copy). */
	private pendingSeeds: CanvasElement[][] = [];
	/** The open problem's starting scene (element ids): what the canvas brings into view. */
	private focusIds: string[] | null = null;
	private focusListeners = new Set<() => void>();

	constructor(session: SessionView, token: string) {
		this.provider = openDocProvider(session, token, 'canvas', this.doc, (refusal) =>
			this.set({ refusal, connection: 'refused' })
		);
		this.provider.on('status', ({ status }: { status: string }) => {
			if (this.state.refusal) return;
			if (status === 'connected') this.everConnected = true;
			this.set({
				connection: status === 'connected' ? 'connected' : this.everConnected ? 'reconnecting' : 'connecting'
			});
		});
		this.provider.on('sync', (synced: boolean) => {
			this.set({ synced });
			if (synced) for (const scene of this.pendingSeeds.splice(0)) seedScene(this.doc, scene);
		});
	}

	/** Adds a problem's starting scene (elements the document never held) once synced. */
	seed(elements: CanvasElement[]): void {
		if (this.state.synced) seedScene(this.doc, elements);
		else this.pendingSeeds.push(elements);
	}

	/** A problem opened: its sketch (if any) is what the canvas shows first. */
	showProblem(scene: readonly CanvasElement[] | null): void {
		this.focusIds = scene && scene.length > 0 ? scene.map((e) => e.id) : null;
		for (const l of this.focusListeners) l();
	}

	get focus(): readonly string[] | null {
		return this.focusIds;
	}

	onFocus(fn: () => void): () => void {
		this.focusListeners.add(fn);
		return () => this.focusListeners.delete(fn);
	}

	private set(patch: Partial<CanvasState>): void {
		this.state = { ...this.state, ...patch };
		for (const l of this.listeners) l(this.state);
	}

	subscribe(fn: (s: CanvasState) => void): () => void {
		this.listeners.add(fn);
		fn(this.state);
		return () => this.listeners.delete(fn);
	}

	get current(): CanvasState {
		return this.state;
	}

	destroy(): void {
		this.listeners.clear();
		this.focusListeners.clear();
		this.provider.destroy();
		this.doc.destroy();
	}
}
