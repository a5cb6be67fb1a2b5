// Figures as they are printed: one line each, with the target and PASS/FAIL where there is one.

export interface Figure {
	section: string;
	name: string;
	value: number | null;
	unit: string;
	/** e.g. '≤ 1500 ms'; absent for figures printed for information. */
	target?: string;
	pass?: boolean;
}

export class Report {
	readonly figures: Figure[] = [];
	/** Something did not work (a crash, a wrong answer, nothing answered): always a failure, smoke or not. */
	readonly broken: string[] = [];

	constructor(private readonly judged: boolean) {}

	info(section: string, name: string, value: number | null, unit = ''): void {
		this.#add({ section, name, value, unit });
	}

	target(section: string, name: string, value: number | null, unit: string, target: string, pass: boolean): void {
		this.#add({ section, name, value, unit, target, pass });
	}

	fail(problem: string): void {
		this.broken.push(problem);
		process.stdout.write(`  BROKEN  ${problem}\n`);
	}

	heading(text: string): void {
		process.stdout.write(`\n== ${text}\n`);
	}

	note(text: string): void {
		process.stdout.write(`   ${text}\n`);
	}

	get failedTargets(): Figure[] {
		return this.figures.filter((f) => f.pass === false);
	}

	#add(figure: Figure): void {
		this.figures.push(figure);
		const value = figure.value === null ? '∞/n.a.' : formatNumber(figure.value);
		let line = `  ${figure.name.padEnd(44)} ${`${value} ${figure.unit}`.trim().padStart(14)}`;
		if (figure.target !== undefined) {
			const verdict = figure.pass ? 'PASS' : 'FAIL';
			line += `   target ${figure.target.padEnd(26)} ${this.judged ? verdict : `(${verdict}, not judged in smoke)`}`;
		}
		process.stdout.write(`${line}\n`);
	}
}

function formatNumber(value: number): string {
	if (Number.isInteger(value)) return value.toLocaleString('en-US');
	return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
