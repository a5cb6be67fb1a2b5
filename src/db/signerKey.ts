import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SIGNER_KEY_FILE = 'signer.key';

/**
 * SIGNER_KEY when set; otherwise the key in `<database folder>/signer.key`, created once
 * (32 random bytes, hex, mode 0600). Losing it makes old signatures unfindable: the README says to back it up.
 */
export function resolveSignerKey(configured: string | undefined, databasePath: string): string {
	if (configured !== undefined) return configured;
	const dir = path.dirname(databasePath);
	const file = path.join(dir, SIGNER_KEY_FILE);
	if (existsSync(file)) {
		const key = readFileSync(file, 'utf8').trim();
		if (key.length < 32)
			throw new Error(`${file} holds no valid key (expected 64 hex characters); restore it from backup`);
		return key;
	}
	mkdirSync(dir, { recursive: true });
	const key = randomBytes(32).toString('hex');
	// 'wx' fails if another process created it meanwhile, rather than overwriting a key in use.
	writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
	chmodSync(file, 0o600); // the umask may have narrowed the mode, never widened it; make it exact
	return key;
}
