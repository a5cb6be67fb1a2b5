import fs from 'node:fs';
import path from 'node:path';

/**
 * The nearest folder at or above `from` with a package.json and the prisma/ folder: the project, wherever a file was
 * compiled or bundled to (dist/bot/ has a package.json of its own, which only says its files are CommonJS).
 */
export function findProjectRoot(from: string): string {
	for (let dir = from; ; dir = path.dirname(dir)) {
		if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'prisma'))) return dir;
		if (path.dirname(dir) === dir) throw new Error(`No package.json with a prisma/ folder in ${from} or above`);
	}
}
