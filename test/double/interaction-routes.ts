// Interaction callbacks and interaction webhooks (edits of @original, follow-ups), authenticated by token only.
import { performance } from 'node:perf_hooks';
import type { APIMessage, APIMessageInteractionMetadata, APIUser } from 'discord-api-types/v10';
import type { CallbackData, InteractionTracker, Tracked } from './interactions.js';
import type { MessageBody, ReceivedFile } from './payloads.js';
import { applyEdit, messageObject } from './payloads.js';
import type { RestReply, Route } from './rest.js';
import { discordError } from './rest.js';
import { Errors } from './routes.js';
import { validateMessage } from './validate.js';
import type { World } from './world.js';

/** Discord drops an interaction that is not answered within 3 s. */
export const CALLBACK_DEADLINE_MS = 3000;

const EPHEMERAL = 64;
const LOADING = 128;

/** Callback types Discord accepts per interaction type (ping 1, command 2, component 3, autocomplete 4, modal 5). */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
	1: [1],
	2: [4, 5, 9, 12],
	3: [4, 5, 6, 7, 9, 12],
	4: [8],
	5: [4, 5, 6, 7],
};

const unknownInteraction = (): RestReply => discordError(404, 10062, 'Unknown interaction');
const alreadyAcknowledged = (): RestReply => discordError(400, 40060, 'Interaction has already been acknowledged.');
const unknownWebhook = (): RestReply => discordError(404, 10015, 'Unknown Webhook');
const invalidWebhookToken = (): RestReply => discordError(401, 50027, 'Invalid Webhook Token');

function formError(path: string[], code: string, message: string): RestReply {
	let errors: Record<string, unknown> = { _errors: [{ code, message }] };
	for (const key of [...path].reverse()) errors = { [key]: errors };
	return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } };
}

export function interactionRoutes(world: World, tracker: InteractionTracker): Route[] {
	const webhookTarget = (appId: string, token: string): Tracked | RestReply => {
		if (appId !== world.applicationId) return unknownWebhook();
		return tracker.byToken(token) ?? invalidWebhookToken();
	};
	return [
		{
			method: 'POST',
			pattern: '/interactions/:interactionId/:token/callback',
			auth: false,
			handler: ({ body, files, query }, { interactionId = '', token = '' }) => {
				const tracked = tracker.byId(interactionId);
				if (!tracked || tracked.sent.token !== token) return unknownInteraction();
				if (tracked.callback) return alreadyAcknowledged();
				const at = performance.now();
				if (at - tracked.sent.at > CALLBACK_DEADLINE_MS) return unknownInteraction();
				const callback = (body ?? {}) as { type?: unknown; data?: CallbackData };
				const type = typeof callback.type === 'number' ? callback.type : -1;
				const problem = callbackProblem(tracked.sent.type, type, callback.data, files.length);
				if (problem) return problem;
				tracked.callback = { type, data: callback.data, at, files };
				const original = originalFor(world, tracked, type, callback.data ?? {}, files);
				if (original) tracked.original = original;
				tracker.changed(tracked);
				if (query.get('with_response') !== 'true') return { status: 204 };
				return { status: 200, body: callbackResponse(tracked, type) };
			},
		},
		{
			method: 'POST',
			pattern: '/webhooks/:appId/:token',
			auth: false,
			handler: ({ body, files, query }, { appId = '', token = '' }) => {
				const tracked = webhookTarget(appId, token);
				if (!('sent' in tracked)) return tracked;
				// A follow-up needs an acknowledged interaction.
				if (!tracked.callback) return unknownWebhook();
				const message = (body ?? {}) as MessageBody;
				const invalid = validateMessage(message, { creation: true, fileCount: files.length });
				if (invalid) return { status: 400, body: invalid };
				tracked.followUps.push(body);
				const created = followUp(world, tracked, message, files);
				tracker.changed(tracked);
				return query.get('wait') === 'true' ? { status: 200, body: created } : { status: 204 };
			},
		},
		{
			method: 'GET',
			pattern: '/webhooks/:appId/:token/messages/:messageId',
			auth: false,
			handler: (_request, { appId = '', token = '', messageId = '' }) => {
				const tracked = webhookTarget(appId, token);
				if (!('sent' in tracked)) return tracked;
				const message = webhookMessage(tracked, messageId);
				return message ? { status: 200, body: message } : Errors.unknownMessage();
			},
		},
		{
			method: 'PATCH',
			pattern: '/webhooks/:appId/:token/messages/:messageId',
			auth: false,
			handler: ({ body, files }, { appId = '', token = '', messageId = '' }) => {
				const tracked = webhookTarget(appId, token);
				if (!('sent' in tracked)) return tracked;
				const message = webhookMessage(tracked, messageId);
				if (!message) return Errors.unknownMessage();
				const edit = (body ?? {}) as MessageBody;
				const invalid = validateMessage(edit, { creation: false, fileCount: files.length });
				if (invalid) return { status: 400, body: invalid };
				applyEdit(message, edit, files);
				if (message === tracked.original) {
					tracked.edits.push(body);
					tracked.originalUpdates.push({ body, at: performance.now() });
				}
				tracker.changed(tracked);
				return { status: 200, body: message };
			},
		},
		{
			method: 'DELETE',
			pattern: '/webhooks/:appId/:token/messages/:messageId',
			auth: false,
			handler: (_request, { appId = '', token = '', messageId = '' }) => {
				const tracked = webhookTarget(appId, token);
				if (!('sent' in tracked)) return tracked;
				const message = webhookMessage(tracked, messageId);
				if (!message) return Errors.unknownMessage();
				if (message === tracked.original) delete tracked.original;
				tracked.followUpMessages.delete(message.id);
				const stored = world.messages.get(message.channel_id);
				const index = stored?.indexOf(message) ?? -1;
				if (stored && index !== -1) stored.splice(index, 1);
				tracker.changed(tracked);
				return { status: 204 };
			},
		},
	];
}

function callbackProblem(
	interactionType: number,
	type: number,
	data: CallbackData | undefined,
	fileCount: number,
): RestReply | undefined {
	const allowed = ALLOWED_CALLBACKS[interactionType] ?? [];
	if (!allowed.includes(type)) {
		return formError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is invalid');
	}
	if (type === 4 || type === 7) {
		const invalid = validateMessage(data ?? {}, { creation: type === 4, fileCount, prefix: ['data'] });
		if (invalid) return { status: 400, body: invalid };
	}
	if (type === 8) {
		// Autocomplete: at most 25 choices, names 1–100 characters, string values at most 100.
		const choices = (data as { choices?: unknown } | undefined)?.choices;
		if (!Array.isArray(choices) || choices.length > 25) {
			return formError(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
		}
		for (const [index, choice] of choices.entries()) {
			const { name, value } = (choice ?? {}) as { name?: unknown; value?: unknown };
			if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
				return formError(
					['data', 'choices', String(index), 'name'],
					'BASE_TYPE_BAD_LENGTH',
					'Must be between 1 and 100 in length.',
				);
			}
			if (typeof value === 'string' && value.length > 100) {
				return formError(
					['data', 'choices', String(index), 'value'],
					'BASE_TYPE_BAD_LENGTH',
					'Must be between 1 and 100 in length.',
				);
			}
		}
	}
	if (type === 9) {
		const title = data?.title;
		const customId = data?.custom_id;
		const components = data?.components;
		if (typeof title !== 'string' || title.length < 1 || title.length > 45) {
			return formError(['data', 'title'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 45 in length.');
		}
		if (typeof customId !== 'string' || customId.length < 1 || customId.length > 100) {
			return formError(['data', 'custom_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
		}
		if (!Array.isArray(components) || components.length < 1 || components.length > 5) {
			return formError(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
		}
	}
	return undefined;
}

function actorOf(tracked: Tracked): APIUser {
	const payload = tracked.sent.payload as { member?: { user?: APIUser }; user?: APIUser };
	return (payload.member?.user ?? payload.user) as APIUser;
}

function metadataOf(tracked: Tracked): APIMessageInteractionMetadata {
	const payload = tracked.sent.payload as {
		authorizing_integration_owners?: Record<string, string>;
		message?: { id?: string };
	};
	const base = {
		id: tracked.sent.id,
		user: actorOf(tracked),
		authorizing_integration_owners: payload.authorizing_integration_owners ?? {},
	};
	if (tracked.sent.type === 3) {
		return { ...base, type: 3, interacted_message_id: payload.message?.id ?? '' };
	}
	return { ...base, type: 2 } as APIMessageInteractionMetadata;
}

/** The message a callback makes @original: a new reply, a loading message, or the component's message. */
function originalFor(
	world: World,
	tracked: Tracked,
	type: number,
	data: CallbackData,
	files: ReceivedFile[],
): APIMessage | undefined {
	const channelId = String(tracked.sent.payload.channel_id ?? '');
	const reply = (body: MessageBody, forcedFlags: number): APIMessage =>
		messageObject({
			channelId,
			author: world.bot,
			body,
			files,
			type: tracked.sent.type === 2 ? 20 : 0,
			webhookId: world.applicationId,
			applicationId: world.applicationId,
			interactionMetadata: metadataOf(tracked),
			forcedFlags,
		});
	switch (type) {
		case 4:
			return reply(data, (data.flags ?? 0) & EPHEMERAL);
		case 5:
			return reply({ content: '' }, LOADING | ((data.flags ?? 0) & EPHEMERAL));
		case 6:
		case 7: {
			const message = componentMessage(world, tracked);
			if (message && type === 7) applyEdit(message, data, files);
			return message;
		}
		default:
			return undefined;
	}
}

/** The message a component sits on: the stored one when the bot created it through the double, else a copy. */
function componentMessage(world: World, tracked: Tracked): APIMessage | undefined {
	const attached = tracked.sent.payload.message as APIMessage | undefined;
	if (!attached || typeof attached !== 'object') return undefined;
	return world.storedMessage(attached.channel_id, attached.id) ?? structuredClone(attached);
}

/** The first follow-up of a deferred reply replaces the loading message; later ones are new messages. */
function followUp(world: World, tracked: Tracked, body: MessageBody, files: ReceivedFile[]): APIMessage {
	const original = tracked.original;
	if (tracked.callback?.type === 5 && original && ((original.flags ?? 0) & LOADING) !== 0) {
		applyEdit(original, body, files);
		tracked.originalUpdates.push({ body, at: performance.now() });
		return original;
	}
	const message = messageObject({
		channelId: String(tracked.sent.payload.channel_id ?? ''),
		author: world.bot,
		body,
		files,
		webhookId: world.applicationId,
		applicationId: world.applicationId,
		interactionMetadata: metadataOf(tracked),
		forcedFlags: (body.flags ?? 0) & EPHEMERAL,
	});
	tracked.followUpMessages.set(message.id, message);
	return message;
}

function webhookMessage(tracked: Tracked, messageId: string): APIMessage | undefined {
	if (messageId === '@original' || messageId === tracked.original?.id) return tracked.original;
	return tracked.followUpMessages.get(messageId);
}

/** The body of a callback sent with ?with_response=true. */
function callbackResponse(tracked: Tracked, type: number): Record<string, unknown> {
	const interaction: Record<string, unknown> = { id: tracked.sent.id, type: tracked.sent.type };
	const resource: Record<string, unknown> = { type };
	const message = tracked.original;
	if (message && (type === 4 || type === 5 || type === 7)) {
		Object.assign(interaction, {
			response_message_id: message.id,
			response_message_loading: type === 5,
			response_message_ephemeral: ((message.flags ?? 0) & EPHEMERAL) !== 0,
		});
		resource.message = message;
	}
	return { interaction, resource };
}
