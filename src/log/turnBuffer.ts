// Log lines written in one turn of the event loop leave in one write: a signing burst logs a line a sign at `info`,
// and each write to a pipe cost ~22 µs of CPU however short the line (BENCHMARKS.md "Round 5"). A line waits at
// most until the next turn (setImmediate), and whatever waits is written synchronously when the process exits.

export interface TurnBuffer {
	write(line: string): void;
	/** Writes what waits, now. */
	flush(): void;
}

export function turnBuffered(write: (chunk: string) => void): TurnBuffer {
	let waiting: string[] = [];
	let scheduled: NodeJS.Immediate | undefined;
	const flush = () => {
		if (scheduled) clearImmediate(scheduled);
		scheduled = undefined;
		if (waiting.length === 0) return;
		const chunk = waiting.join('');
		waiting = [];
		write(chunk);
	};
	return {
		write(line) {
			waiting.push(line);
			scheduled ??= setImmediate(flush);
		},
		flush,
	};
}

let stdoutLines: TurnBuffer | undefined;

/**
 * The process's stdout, buffered a turn; flushed on 'exit' (process.exit, an uncaught exception, the loop's end),
 * where stdout writes are synchronous for files, pipes and terminals on Linux. One buffer for the whole process.
 */
export function bufferedStdout(): TurnBuffer {
	if (!stdoutLines) {
		const lines = turnBuffered((chunk) => process.stdout.write(chunk));
		process.on('exit', lines.flush);
		stdoutLines = lines;
	}
	return stdoutLines;
}
