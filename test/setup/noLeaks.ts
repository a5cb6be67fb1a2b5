// Vitest setup file: after every test file, checks every log line the bot wrote in that file (each harness and
// each bot process registered in ./logSources.ts) against what the file's Discord double(s) know is sensitive
// (DESIGN.md: logs carry no signer detail, user id, username or interaction token; no line over 8 KB):
//
// - the user id, username and global name of every member seen in an interaction (moderators included);
// - every interaction token;
// - every `artist_name` and `city` option value a member sent.
//
// Guild, channel, message, interaction and flag ids are fine. Values too short to be told apart from ordinary
// text (under 4 characters; ids under 15 digits) are left out. As in ./noPings.ts, the double's own tests are
// exempt. A violation fails the file with every offending line, the sensitive value masked.
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { allDoubles } from '../double/registry.js';
import { type Kind, logProblems, sensitiveOf } from './leaks.js';
import { allLogSources } from './logSources.js';

const EXEMPT = `${path.sep}test${path.sep}double${path.sep}`;

afterAll(() => {
	const file = expect.getState().testPath ?? '';
	if (file.includes(EXEMPT)) return;
	const sensitive = new Map<string, Kind>();
	for (const double of allDoubles) for (const [value, kind] of sensitiveOf(double)) sensitive.set(value, kind);
	const offending = [...allLogSources].flatMap((source) => logProblems(source.lines(), sensitive));
	if (offending.length > 0) {
		throw new Error(`${offending.length} log line problem(s):\n  ${offending.slice(0, 30).join('\n  ')}`);
	}
});
