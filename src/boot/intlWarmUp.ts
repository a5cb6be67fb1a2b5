// The first Intl formatter of each kind a process makes costs ~25 ms (NumberFormat) and ~8 ms (DateTimeFormat) on
// this project's machine, whatever its locale: V8 builds its tables of ICU's locales, and ICU loads its data, once
// per process. Every thread of the process shares them, so a short-lived worker pays them on the other core while
// the main thread loads discord.js; node-cron's first formatter (scheduling the job, before "ready") and the first
// replies' then cost under 1 ms. BENCHMARKS.md "Round 4". Its failure costs only that time.
import { Worker } from 'node:worker_threads';
import { INTL_LOCALES } from '../i18n/format.js';

/** What the worker runs: one formatter of each kind the bot and node-cron make, in each of the bot's locales. */
export function intlWarmUpScript(locales: readonly string[]): string {
	const date = new Date(0).toISOString();
	return [
		// node-cron's (its LocalizedTime), made when the milestone job is scheduled.
		`new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short', hour12: false }).formatToParts(new Date(${JSON.stringify(date)}));`,
		// src/i18n/format.ts's.
		`for (const locale of ${JSON.stringify(locales)}) {`,
		`  new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(1234);`,
		`  new Intl.ListFormat(locale, { type: 'conjunction' }).format(['a', 'b']);`,
		`  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(${JSON.stringify(date)}));`,
		'}',
	].join('\n');
}

/** Starts the worker; it ends by itself once its formatters are made, and never keeps the process alive. */
export function warmUpIntl(locales: readonly string[] = INTL_LOCALES): Worker {
	const worker = new Worker(intlWarmUpScript(locales), { eval: true, stdout: true, stderr: true });
	worker.on('error', () => {});
	worker.unref();
	return worker;
}
