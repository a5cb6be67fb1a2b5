// The floor: plain discord.js (default options and caches) answering every command at once with
// `interaction.reply({ content: 'ok' })`. What the bot is compared with, in the same run on the same machine.
// Env: DISCORD_TOKEN, DISCORD_API_URL (REST base without /v10).
import { Client, Events, GatewayIntentBits } from 'discord.js';

const token = process.env.DISCORD_TOKEN;
const api = process.env.DISCORD_API_URL;
if (!token || !api) {
	process.stderr.write('floorBot: DISCORD_TOKEN and DISCORD_API_URL are required\n');
	process.exit(1);
}

const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api } });
client.on(Events.InteractionCreate, (interaction) => {
	if (!interaction.isRepliable()) return;
	interaction.reply({ content: 'ok' }).catch((error: unknown) => {
		process.stderr.write(`floorBot: reply failed: ${String(error)}\n`);
	});
});
const stop = () => {
	void client.destroy().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
await client.login(token);
