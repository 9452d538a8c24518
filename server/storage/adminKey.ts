import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The admin key from the environment, else the one kept in the data folder, else a new one. */
export function ensureAdminKey(dataDir: string, configured?: string): { key: string; generated: boolean } {
	if (configured) return { key: configured, generated: false };
	const file = path.join(dataDir, 'admin-key');
	if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), generated: false };
	fs.mkdirSync(dataDir, { recursive: true });
	const key = randomBytes(24).toString('base64url');
	fs.writeFileSync(file, key + '\n', { mode: 0o600 });
	return { key, generated: true };
}
