// Log lines leave stdout at most one write a turn of the event loop and one more at the next: a signing burst logs
// a line a sign at `info`, and each write to a pipe cost ~22 µs of CPU however short the line (BENCHMARKS.md
// "Round 5"). The first line of a turn is written at once, so a lone line (such as "ready") never waits; the lines
// after it wait for the next turn (setImmediate), and whatever waits is written synchronously when the process exits.

export interface TurnBuffer {
	write(line: string): void;
	/** Writes what waits, then this line, now. */
	writeNow(line: string): void;
	/** Writes what waits, now. */
	flush(): void;
}

export function turnBuffered(write: (chunk: string) => void): TurnBuffer {
	let waiting: string[] = [];
	/** Set from a turn's first line until the next turn: lines written meanwhile wait. */
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
			if (scheduled) {
				waiting.push(line);
				return;
			}
			scheduled = setImmediate(flush);
			write(line);
		},
		writeNow(line) {
			flush();
			write(line);
		},
		flush,
	};
}

let stdoutLines: TurnBuffer | undefined;

/**
 * The process's stdout, through one TurnBuffer; flushed on 'exit' (process.exit, an uncaught exception, the loop's
 * end), where stdout writes are synchronous for files, pipes and terminals on Linux.
 */
export function bufferedStdout(): TurnBuffer {
	if (!stdoutLines) {
		const lines = turnBuffered((chunk) => process.stdout.write(chunk));
		process.on('exit', lines.flush);
		stdoutLines = lines;
	}
	return stdoutLines;
}
