// How big each part of the benchmark is: the full run (targets judged) and the CI smoke run (only that it works).

export interface BenchParams {
	mode: 'full' | 'smoke';
	startup: { runs: number; guilds: number };
	burst: { commands: number; guilds: number; rounds: number };
	mixed: { commands: number; guilds: number; signatures: number; gigs: number; gigGuilds: number; rounds: number };
	milestones: { signatures: number; servers: readonly number[]; steadyTicks: number };
	memory: {
		guilds: number;
		channels: number;
		roles: number;
		/** How long RSS is watched after the child first answers (the bot; the floor, for information, half). */
		settleMs: number;
	};
	scale: {
		servers: number;
		/** Recommended by the double; the two processes take the first and the second half. */
		shards: number;
		channels: number;
		roles: number;
		signatures: number;
		/** /pledge sign in the burst, from distinct members of servers on every shard. */
		commands: number;
		/** How long RSS is watched once both processes answer. */
		settleMs: number;
		/** Servers of the in-process milestone tick on PostgreSQL: the statement count must be the same for each. */
		tickServers: readonly number[];
		/** Unmeasured ticks first (as a leader that has run for a while), then the measured ones. */
		warmTicks: number;
		steadyTicks: number;
		/** Ticks without the memo of the last quiet one (each reads every server), for information. */
		fullTicks: number;
	};
}

export const FULL: BenchParams = {
	mode: 'full',
	startup: { runs: 3, guilds: 20 },
	// Latencies of the rounds are pooled (3,000 per bot) before taking percentiles: each round is a fresh process.
	burst: { commands: 1000, guilds: 20, rounds: 3 },
	mixed: { commands: 1000, guilds: 20, signatures: 1_000_000, gigs: 100_000, gigGuilds: 500, rounds: 3 },
	milestones: { signatures: 100_000, servers: [10, 1000], steadyTicks: 20 },
	// 120 s: V8's memory reducer gives the start-up heap back some 30–70 s after ready (after a milestone tick).
	memory: { guilds: 2500, channels: 50, roles: 20, settleMs: 120_000 },
	// 60 s settle (memory's is 120 s): two processes of 5,000 servers each, watched together.
	scale: {
		servers: 10_000,
		shards: 4,
		channels: 3,
		roles: 2,
		signatures: 100_000,
		commands: 1000,
		settleMs: 60_000,
		tickServers: [10, 10_000],
		warmTicks: 50,
		steadyTicks: 20,
		fullTicks: 5,
	},
};

export const SMOKE: BenchParams = {
	mode: 'smoke',
	startup: { runs: 1, guilds: 3 },
	burst: { commands: 50, guilds: 3, rounds: 1 },
	mixed: { commands: 50, guilds: 3, signatures: 2000, gigs: 200, gigGuilds: 5, rounds: 1 },
	milestones: { signatures: 2000, servers: [2, 5], steadyTicks: 3 },
	memory: { guilds: 10, channels: 5, roles: 3, settleMs: 12_000 },
	scale: {
		servers: 40,
		shards: 4,
		channels: 2,
		roles: 1,
		signatures: 2000,
		commands: 50,
		settleMs: 3000,
		tickServers: [2, 40],
		warmTicks: 2,
		steadyTicks: 3,
		fullTicks: 2,
	},
};

export const SECTIONS = ['startup', 'burst', 'mixed', 'milestones', 'memory', 'scale'] as const;
export type Section = (typeof SECTIONS)[number];

/** Targets of the issue "Performance, second step" (memory: settled RSS at or below the floor's, sections/memory.ts). */
export const TARGETS = {
	deadlineMs: 3000,
	p99VsFloor: 1.3,
	throughputVsFloor: 0.8,
	steadyTickMs: 50,
	startupMs: 500,
	/** Issue "Scale-out": database time of a steady milestone tick on PostgreSQL with 10,000 servers. */
	scaleTickDbMs: 10,
} as const;
