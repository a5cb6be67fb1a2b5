import { z } from 'zod';

/**
 * Versioned custom_ids, `<kind>:v1:<args>`, parsed with zod. A new layout gets a new version, so buttons
 * left in old messages are recognised as stale instead of being misread.
 */
// Plain decimal digits only: no "1e3", "0x10" or " 5" sneaking through a number coercion.
const id = z
	.string()
	.regex(/^[1-9]\d{0,14}$/)
	.transform(Number);
const page = z
	.string()
	.regex(/^[1-9]\d{0,5}$/)
	.transform(Number);

const schema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('signers'), page }),
	z.object({ kind: z.literal('gigs'), page }),
	z.object({ kind: z.literal('review'), page }),
	z.object({ kind: z.literal('gig-confirm'), flagId: id }),
	z.object({ kind: z.literal('gig-reject'), flagId: id }),
	z.object({ kind: z.literal('gig-reject-reason'), flagId: id }),
]);

export type CustomId = z.output<typeof schema>;

const ARG: { [K in CustomId['kind']]: Exclude<keyof Extract<CustomId, { kind: K }>, 'kind'> } = {
	signers: 'page',
	gigs: 'page',
	review: 'page',
	'gig-confirm': 'flagId',
	'gig-reject': 'flagId',
	'gig-reject-reason': 'flagId',
};

const VERSION = 'v1';
/** Discord's limit on custom_id length. */
export const MAX_CUSTOM_ID = 100;

export function encodeCustomId(value: CustomId): string {
	const arg = (value as Record<string, unknown>)[ARG[value.kind]];
	const text = `${value.kind}:${VERSION}:${String(arg)}`;
	if (text.length > MAX_CUSTOM_ID) throw new RangeError(`custom_id longer than ${MAX_CUSTOM_ID}: ${text}`);
	return text;
}

/** The decoded custom_id, or null for anything unknown, stale or forged beyond recognition. */
export function parseCustomId(text: string): CustomId | null {
	if (text.length > MAX_CUSTOM_ID) return null;
	const [kind, version, arg, ...rest] = text.split(':');
	if (version !== VERSION || arg === undefined || rest.length > 0 || !kind || !(kind in ARG)) return null;
	const result = schema.safeParse({ kind, [ARG[kind as CustomId['kind']]]: arg });
	return result.success ? result.data : null;
}
