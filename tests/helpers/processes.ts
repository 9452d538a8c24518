import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A TCP port nothing listens on now (the kernel's pick), for a service that needs a fixed one. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
	for (const p of running) p.kill('SIGKILL');
});

/** A child this test process started is killed when the test process exits, whatever happens. */
export function killOnExit(proc: ChildProcess): void {
	running.add(proc);
	proc.once('exit', () => running.delete(proc));
}
