import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm start` (package.json): node's own flags and the script it runs. The build makes the code cache under these
 * flags (V8 refuses a cache made under others), and tests and benchmarks run the bot as operators do.
 */
export function startCommand(root: string): { flags: string[]; script: string } {
	const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		scripts: { start: string };
	};
	const [node, ...words] = scripts.start.split(/\s+/);
	const script = words.at(-1);
	if (node !== 'node' || !script || script.startsWith('--')) {
		throw new Error(`npm start does not run node: ${scripts.start}`);
	}
	return { flags: words.filter((word) => word.startsWith('--')), script };
}
