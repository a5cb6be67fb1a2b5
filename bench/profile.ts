// Where the CPU of a signing burst goes: reads the V8 CPU profiles the burst's children wrote
// (BENCH_CHILD_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' node dist/bench/run.js --only=burst --rounds=1), keeps the
// burst itself (from the first 100 ms with 10 samples in discord.js's InteractionCreate handler), and prints the
// time of each part for the floor, the bot and the difference, in ms per 1,000 interactions (the mean over the
// profiles of each). Profile the unbundled build (BENCH_BOT_ENTRY=dist/src/index.js): in the bundle npm start runs,
// frames no longer name their package; the code run per interaction is the same.
//
//   node dist/bench/profile.js DIR [interactions]      interactions per burst: 1000 unless given
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
	functionName: string;
	url: string;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** The parts of the table, in order, and how a frame's script is assigned to one. */
const PARTS = [
	[
		'discord.js (gateway, interactions, reply path)',
		/node_modules\/(discord\.js|@discordjs|@sapphire|@vladfrangu|discord-api-types|lodash)/,
	],
	[
		'HTTP to Discord (undici, sockets, streams)',
		/node_modules\/undici|^node:(net|http|_http|internal\/streams|stream|internal\/stream_base)/,
	],
	['gateway WebSocket (ws, zlib)', /node_modules\/(ws|zlib-sync)|^node:zlib/],
	['Prisma client and adapter', /node_modules\/@prisma/],
	['SQL (better-sqlite3, SQLite)', /node_modules\/better-sqlite3/],
	[
		'encryption, pseudonyms (node:crypto)',
		/^node:(crypto|internal\/crypto)|dist\/src\/privacy\/|dist\/src\/db\/pseudonym/,
	],
	['logging (pino)', /node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format)|dist\/src\/log/],
	['batching (dataloader)', /node_modules\/dataloader/],
	['bot code (handlers, views, text, i18n)', /dist\/(src|bench)\//],
	['Node: timers, promises, events, buffers', /^node:/],
] as const;
const GC = 'garbage collection';
const JSON_PART = 'JSON (parse, stringify)';
const OTHER = 'other (native, program)';

function partOf(frames: CallFrame[]): string {
	const [own] = frames;
	if (!own) return OTHER;
	if (own.functionName === '(garbage collector)') return GC;
	if (!own.url && (own.functionName === 'parse' || own.functionName === 'stringify')) return JSON_PART;
	// A native or WebAssembly frame counts for the first JavaScript caller: SQLite's C code for better-sqlite3,
	// undici's HTTP parser for undici, Prisma's query compiler for Prisma.
	const scripted = frames.find((frame) => frame.url && !frame.url.startsWith('wasm://'));
	if (!scripted) return OTHER;
	for (const [part, pattern] of PARTS) if (pattern.test(scripted.url)) return part;
	return OTHER;
}

function burstTimes(profile: Profile): { parts: Map<string, number>; isFloor: boolean } {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	const stackOf = (id: number): CallFrame[] => {
		const frames: CallFrame[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
			const node = byId.get(at);
			if (node) frames.push(node.callFrame);
		}
		return frames;
	};
	const times: number[] = [];
	let t = profile.startTime;
	for (const delta of profile.timeDeltas) {
		t += delta;
		times.push(t);
	}
	const inHandler = profile.samples.map((id) =>
		stackOf(id).some((frame) => frame.url.includes('actions/InteractionCreate.js')),
	);
	const hits = inHandler.flatMap((hit, i) => (hit ? [i] : []));
	let start = 0;
	for (let k = 0; k + 9 < hits.length; k++) {
		const first = hits[k] as number;
		if ((times[hits[k + 9] as number] as number) - (times[first] as number) < 100_000) {
			start = first;
			break;
		}
	}
	const parts = new Map<string, number>();
	for (let i = start; i < profile.samples.length; i++) {
		const stack = stackOf(profile.samples[i] as number);
		if (stack[0]?.functionName === '(idle)') continue;
		const part = partOf(stack);
		parts.set(part, (parts.get(part) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
	}
	const isFloor = profile.nodes.some((node) => node.callFrame.url.endsWith('/floorBot.js'));
	return { parts, isFloor };
}

function main(): void {
	const [dir, count = '1000'] = process.argv.slice(2);
	if (!dir) {
		process.stderr.write('usage: node dist/bench/profile.js DIR [interactions]\n');
		process.exit(2);
	}
	const per1000 = 1000 / Number(count);
	const profiles = readdirSync(dir)
		.filter((file) => file.endsWith('.cpuprofile'))
		.map((file) => burstTimes(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile));
	// The mean of each kind's profiles (every round's child, and the floor's warm-up burst).
	const mean = (of: { parts: Map<string, number> }[]) => {
		const parts = new Map<string, number>();
		for (const profile of of)
			for (const [part, ms] of profile.parts) parts.set(part, (parts.get(part) ?? 0) + ms / of.length);
		return { parts };
	};
	const floors = profiles.filter((p) => p.isFloor);
	const bots = profiles.filter((p) => !p.isFloor);
	if (floors.length === 0 || bots.length === 0) throw new Error(`${dir}: needs the floor's and the bot's profiles`);
	const floor = mean(floors);
	const bot = mean(bots);
	const names = [...PARTS.map(([part]) => part), JSON_PART, GC, OTHER];
	const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
	const lines = [row(['part', 'floor', 'bot', 'bot − floor']), row(['---', '--:', '--:', '--:'])];
	let floorTotal = 0;
	let botTotal = 0;
	for (const name of names) {
		const f = (floor.parts.get(name) ?? 0) * per1000;
		const b = (bot.parts.get(name) ?? 0) * per1000;
		floorTotal += f;
		botTotal += b;
		lines.push(row([name, f.toFixed(0), b.toFixed(0), (b - f).toFixed(0)]));
	}
	lines.push(
		row(['**total (ms per 1,000)**', floorTotal.toFixed(0), botTotal.toFixed(0), (botTotal - floorTotal).toFixed(0)]),
	);
	process.stdout.write(`${lines.join('\n')}\n`);
}

main();
