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
};

export const SMOKE: BenchParams = {
	mode: 'smoke',
	startup: { runs: 1, guilds: 3 },
	burst: { commands: 50, guilds: 3, rounds: 1 },
	mixed: { commands: 50, guilds: 3, signatures: 2000, gigs: 200, gigGuilds: 5, rounds: 1 },
	milestones: { signatures: 2000, servers: [2, 5], steadyTicks: 3 },
	memory: { guilds: 10, channels: 5, roles: 3, settleMs: 12_000 },
};

export const SECTIONS = ['startup', 'burst', 'mixed', 'milestones', 'memory'] as const;
export type Section = (typeof SECTIONS)[number];

/** Targets of the issue "Performance, second step" (memory: settled RSS at or below the floor's, sections/memory.ts). */
export const TARGETS = {
	deadlineMs: 3000,
	p99VsFloor: 1.3,
	throughputVsFloor: 0.8,
	steadyTickMs: 50,
	startupMs: 500,
} as const;
