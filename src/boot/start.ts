// What `npm start` runs (built to dist/bot/start.cjs): the bot's bundle with its code cache (src/boot/codeCache.ts).
// `--write-code-cache` (the build, scripts/build.mjs) warms the bundle up and writes its cache instead of starting.
import { fileURLToPath } from 'node:url';
import type { Boot } from '../main.js';
import { loadBundle } from './codeCache.js';

interface BotBundle {
	run(boot: Boot): void;
	warmUp(): Promise<void>;
}

const warming = process.argv.includes('--write-code-cache');
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
	bundle.exports.run({ codeCache: bundle.codeCache });
}
