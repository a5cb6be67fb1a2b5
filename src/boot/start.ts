// What `npm start` runs (built to dist/bot/start.cjs): the bot's bundle with its code cache (src/boot/codeCache.ts).
// `--write-code-cache` (the build, scripts/build.mjs) warms the bundle up and writes its cache instead of starting.
import { fileURLToPath } from 'node:url';
import { startPreparationWorker } from '../db/prepareOnWorker.js';
import type { Boot } from '../main.js';
import { loadBundle } from './codeCache.js';

interface BotBundle {
	run(boot: Boot): void;
	warmUp(): Promise<void>;
}

const warming = process.argv.includes('--write-code-cache');
// The worker loads its modules on the other core while this thread loads the bundle (src/db/prepareOnWorker.ts).
const preparationWorker = warming ? undefined : startPreparationWorker();
const bundle = loadBundle<BotBundle>(fileURLToPath(new URL('./bot.cjs', import.meta.url)));
if (warming) {
	bundle.exports.warmUp().then(
		() => {
			bundle.writeCodeCache();
			process.exit(0);
		},
		(error: unknown) => {
			process.stderr.write(`code cache: the warm-up failed: ${String(error)}\n`);
			process.exit(1);
		},
	);
} else {
	bundle.exports.run({ codeCache: bundle.codeCache, ...(preparationWorker ? { preparationWorker } : {}) });
}
