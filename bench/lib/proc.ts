// What a child process costs, read from Linux's /proc: CPU time, current and peak resident memory.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, almost always 100). */
function ticksPerSecond(): number {
	if (clockTicks === undefined) {
		try {
			clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
		} catch {
			clockTicks = 100;
		}
	}
	return clockTicks;
}

/** User + system CPU seconds the process has used so far; NaN when it is gone. */
export function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may contain spaces: count fields after its closing parenthesis.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const utime = Number(fields[11]);
		const stime = Number(fields[12]);
		return (utime + stime) / ticksPerSecond();
	} catch {
		return Number.NaN;
	}
}

/** A `Vm…` line of /proc/<pid>/status in MB (VmRSS now, VmHWM peak); NaN when the process is gone. */
export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
		return match ? Number(match[1]) / 1024 : Number.NaN;
	} catch {
		return Number.NaN;
	}
}

/** Samples VmRSS every `everyMs` until stopped; returns the highest sample (besides VmHWM, which is exact). */
export function sampleRss(pid: number, everyMs = 25): { stop(): number } {
	let peak = statusMb(pid, 'VmRSS');
	const timer = setInterval(() => {
		const now = statusMb(pid, 'VmRSS');
		if (now > peak || Number.isNaN(peak)) peak = now;
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			return peak;
		},
	};
}
