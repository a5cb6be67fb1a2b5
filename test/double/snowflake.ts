// Discord snowflakes: ms since the Discord epoch << 22, then worker/process/increment bits.
// @discordjs/rest groups buckets by id, so ids must look real (17–19 digit strings).
const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;
let lastMs = 0n;

/** A fresh snowflake for "now" (19 digits), strictly increasing within this process. */
export function nextSnowflake(): string {
	let ms = BigInt(Date.now()) - DISCORD_EPOCH;
	if (ms <= lastMs) ms = lastMs;
	if (ms === lastMs) increment += 1n;
	else increment = 0n;
	if (increment > 0xfffn) {
		ms += 1n;
		increment = 0n;
	}
	lastMs = ms;
	return ((ms << 22n) | (1n << 17n) | increment).toString();
}

// 18-digit snowflakes were minted between roughly Oct 2015 and Jul 2022: accounts of that age.
const MIN_18_DIGIT_MS = 23_900_000_000;
const MAX_18_DIGIT_MS = 238_000_000_000;

/** A random 18-digit snowflake, like the id of an account created a few years ago. */
export function randomSnowflake(): string {
	const ms = BigInt(MIN_18_DIGIT_MS + Math.floor(Math.random() * (MAX_18_DIGIT_MS - MIN_18_DIGIT_MS)));
	const low = BigInt(Math.floor(Math.random() * 0x3fffff));
	return ((ms << 22n) | low).toString();
}

/** When a snowflake was minted, as an ISO timestamp. */
export function snowflakeIso(id: string): string {
	return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}
