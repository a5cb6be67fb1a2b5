import type { Client } from 'discord.js';
import type { Logger } from '../log.js';

export function onReady(client: Client<true>, log: Logger): void {
	log.info({ user: client.user.tag, guilds: client.guilds.cache.size }, 'gateway ready');
}
