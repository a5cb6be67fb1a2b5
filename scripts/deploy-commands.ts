// `npm run deploy-commands`: registers every slash command (globally, or in DISCORD_GUILD_ID) and prints
// what was registered. Reads the pure definitions only: no database, no gateway.
import { REST } from '@discordjs/rest';
import {
	ApplicationCommandType,
	type RESTGetCurrentApplicationResult,
	type RESTPutAPIApplicationCommandsResult,
	Routes,
} from 'discord-api-types/v10';
import { commandDefinitions } from '../src/commands/definitions.js';
import { ConfigError, loadDotEnv, parseConfig } from '../src/config.js';

async function main(): Promise<void> {
	loadDotEnv();
	const config = parseConfig(process.env);
	const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
	const applicationId =
		config.applicationId ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
	const route = config.guildId
		? Routes.applicationGuildCommands(applicationId, config.guildId)
		: Routes.applicationCommands(applicationId);
	const registered = (await rest.put(route, { body: commandDefinitions })) as RESTPutAPIApplicationCommandsResult;
	const where = config.guildId ? `in server ${config.guildId}` : 'globally';
	console.log(`Registered ${registered.length} commands ${where} for application ${applicationId}:`);
	for (const command of registered) {
		if (command.type === ApplicationCommandType.Message) {
			console.log(`  message menu: ${command.name}`);
			continue;
		}
		const subcommands = (command.options ?? []).filter((o) => o.type === 1).map((o) => o.name);
		console.log(`  /${command.name}${subcommands.length ? ` (${subcommands.join(', ')})` : ''}`);
	}
}

main().catch((error: unknown) => {
	const message = error instanceof ConfigError ? error.message : `deploy failed: ${(error as Error).message ?? error}`;
	console.error(`deploy-commands: ${message}`);
	process.exit(1);
});
