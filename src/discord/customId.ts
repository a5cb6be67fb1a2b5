import { z } from 'zod';

/**
 * Versioned custom_ids, `<kind>:v1:<arg>[:<arg>]`, parsed with zod. A new layout gets a new version, so buttons
 * left in old messages are recognised as stale instead of being misread.
 */
/** The largest id a row can have: Prisma's `Int` (PostgreSQL's integer; a larger value is an error there). */
export const MAX_ROW_ID = 2_147_483_647;
// Plain decimal digits only: no "1e3", "0x10" or " 5" sneaking through a number coercion.
const id = z
	.string()
	.regex(/^[1-9]\d{0,9}$/)
	.transform(Number)
	.refine((value) => value <= MAX_ROW_ID);
const page = z
	.string()
	.regex(/^[1-9]\d{0,5}$/)
	.transform(Number);

/** Every kind with its arguments, in the order they are written. */
const KINDS = {
	signers: { page },
	gigs: { page },
	review: { page },
	/** Review buttons on a flag's card in the moderation channel. */
	'gig-confirm': { flagId: id },
	'gig-reject': { flagId: id },
	'gig-reject-reason': { flagId: id },
	/** The same on a page of /gig review, which is shown again at that page once the flag is reviewed. */
	'review-confirm': { flagId: id, page },
	'review-reject': { flagId: id, page },
	'review-reject-reason': { flagId: id, page },
	/** The modal of the message menu "Flag Amazon-linked gig". */
	'flag-modal': {},
} as const;

type Kinds = typeof KINDS;
export type CustomIdKind = keyof Kinds;
export type CustomId = {
	[K in CustomIdKind]: { kind: K } & { [A in keyof Kinds[K]]: z.output<Kinds[K][A]> };
}[CustomIdKind];

/** Every custom_id kind the bot makes (coverage tests walk it). */
export const CUSTOM_ID_KINDS = Object.keys(KINDS) as CustomIdKind[];

const VERSION = 'v1';
/** Discord's limit on custom_id length. */
export const MAX_CUSTOM_ID = 100;

export function encodeCustomId(value: CustomId): string {
	const args = Object.keys(KINDS[value.kind]).map((arg) => String((value as Record<string, unknown>)[arg]));
	const text = [value.kind, VERSION, ...args].join(':');
	if (text.length > MAX_CUSTOM_ID) throw new RangeError(`custom_id longer than ${MAX_CUSTOM_ID}: ${text}`);
	return text;
}

/** The decoded custom_id, or null for anything unknown, stale or forged beyond recognition. */
export function parseCustomId(text: string): CustomId | null {
	if (text.length > MAX_CUSTOM_ID) return null;
	const [kind, version, ...args] = text.split(':');
	if (version !== VERSION || !kind || !Object.hasOwn(KINDS, kind)) return null;
	const shape = KINDS[kind as CustomIdKind];
	const names = Object.keys(shape);
	if (args.length !== names.length) return null;
	const result = z.object(shape).safeParse(Object.fromEntries(names.map((name, i) => [name, args[i]])));
	return result.success ? ({ kind, ...result.data } as CustomId) : null;
}
