// A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, started on 127.0.0.1 at a free port, no
// fsync (its data is thrown away). initdb and postgres refuse to run as root: as root they run as `postgres`.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Cluster {
	/** Superuser URL of the `postgres` database. */
	url: string;
	stop(): void;
}

/** Where pg_ctl is: on PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
function binDir(): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir && existsSync(path.join(dir, 'pg_ctl'))) return dir;
	}
	const debian = '/usr/lib/postgresql';
	const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
	return versions.map((v) => path.join(debian, v, 'bin')).find((dir) => existsSync(path.join(dir, 'pg_ctl')));
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
			);
		});
	});
}

export async function startCluster(): Promise<Cluster> {
	const bin = binDir();
	if (!bin) {
		throw new Error(
			'PostgreSQL is not installed (no pg_ctl): install it (Debian: apt-get install postgresql) or set ' +
				'TEST_POSTGRES_URL to a superuser URL of a server the tests may create databases on',
		);
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'nmfi-pg-'));
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	const run = (tool: string, args: string[]) => {
		const [file, argv] = asRoot
			? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
			: [path.join(bin, tool), args];
		execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
	};
	const data = path.join(dir, 'data');
	run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--no-locale']);
	const port = await freePort();
	const options = `-h 127.0.0.1 -p ${port} -k ${dir} -F -c max_connections=300`;
	run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
	return {
		url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
		stop() {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}
