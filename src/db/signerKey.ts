import { randomBytes } from 'node:crypto';
import {
	closeSync,
	existsSync,
	fchmodSync,
	fsyncSync,
	linkSync,
	openSync,
	readFileSync,
	unlinkSync,
	writeSync,
} from 'node:fs';
import path from 'node:path';
import { preparePrivateFolder, syncFolder } from './files.js';

export const SIGNER_KEY_FILE = 'signer.key';
const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** The key cannot be used: one line naming SIGNER_KEY or signer.key and what to do; nothing was written. */
export class SignerKeyError extends Error {
	override name = 'SignerKeyError';
}

export const signerKeyPath = (databasePath: string) => path.join(path.dirname(databasePath), SIGNER_KEY_FILE);

/**
 * SIGNER_KEY when set; otherwise the key in `<database folder>/signer.key`, created once (32 random bytes, hex,
 * mode 0600) for a new database only. With an existing database and no key file, generating a key would make every
 * signature unreadable: stop instead, writing nothing.
 */
export function resolveSignerKey(configured: string | undefined, databasePath: string): string {
	if (configured !== undefined) return configured;
	const file = signerKeyPath(databasePath);
	if (existsSync(file)) return readKeyFile(file);
	if (existsSync(databasePath)) {
		throw new SignerKeyError(
			`${file} is missing but the database ${databasePath} exists: restore signer.key from its backup or set ` +
				'SIGNER_KEY to the key; no new key was generated and nothing was changed',
		);
	}
	preparePrivateFolder(path.dirname(file));
	return writeKeyFile(file);
}

function readKeyFile(file: string): string {
	const key = readFileSync(file, 'utf8').trim();
	if (!HEX_KEY.test(key)) {
		throw new SignerKeyError(`${file} holds no valid key (expected 64 hex characters); restore signer.key from backup`);
	}
	return key;
}

/**
 * Atomically: the key goes to a temporary file (0600, fsynced), which is then published under the final name. The
 * publishing step is link(2), a rename that refuses to replace: of two processes starting at once, the second
 * adopts the first one's key instead of overwriting a key already in use.
 */
function writeKeyFile(file: string): string {
	const key = randomBytes(32).toString('hex');
	const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	const fd = openSync(temporary, 'wx', 0o600);
	try {
		fchmodSync(fd, 0o600); // exact, whatever the umask
		writeSync(fd, `${key}\n`);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	try {
		linkSync(temporary, file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		return readKeyFile(file);
	} finally {
		unlinkSync(temporary);
	}
	syncFolder(path.dirname(file));
	return key;
}
