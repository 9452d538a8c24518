import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPairboard } from '../../server/app.js';
import { tempDataDir } from '../helpers/startServer.js';

describe('start-up', () => {
	it('refuses to start on a bad problem folder, naming the problem and the file', async () => {
		const root = tempDataDir();
		const problems = path.join(root, 'problems');
		fs.cpSync('problems/moving-average', path.join(problems, 'moving-average'), { recursive: true });
		fs.writeFileSync(path.join(problems, 'moving-average', 'meta.yaml'), 'title: X\nkind: quiz\n');
		const start = () =>
			createPairboard({
				config: { port: 0, host: '127.0.0.1', dataDir: path.join(root, 'data'), problemsDir: problems }
			});
		await expect(start()).rejects.toThrow(/Problem "moving-average", meta\.yaml: kind/);
		fs.rmSync(path.join(problems, 'moving-average', 'solution.py'));
		fs.writeFileSync(
			path.join(problems, 'moving-average', 'meta.yaml'),
			fs.readFileSync('problems/moving-average/meta.yaml')
		);
		await expect(start()).rejects.toThrow('Problem "moving-average", solution.py: file is missing');
	});

	it('generates an admin key on first start, keeps it in the data folder, and reuses it', async () => {
		const dataDir = tempDataDir();
		const first = await createPairboard({ config: { port: 0, host: '127.0.0.1', dataDir, problemsDir: 'problems' } });
		await first.close();
		expect(first.adminKeyGenerated).toBe(true);
		expect(first.adminKey.length).toBeGreaterThanOrEqual(32);
		expect(fs.readFileSync(path.join(dataDir, 'admin-key'), 'utf8').trim()).toBe(first.adminKey);
		const second = await createPairboard({ config: { port: 0, host: '127.0.0.1', dataDir, problemsDir: 'problems' } });
		await second.close();
		expect(second.adminKeyGenerated).toBe(false);
		expect(second.adminKey).toBe(first.adminKey);
	});
});
