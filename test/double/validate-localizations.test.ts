import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/commands/definitions.js';
import { validateCommands } from './validate.js';

// The double refuses localizations as Discord does, so deploy-commands against it proves the Spanish is accepted.
describe('the double’s command validation of localizations', () => {
	const sub = (name_localizations: Record<string, string>) => ({
		type: 1,
		name: 'sign',
		description: 'Sign',
		name_localizations,
	});

	it('accepts the bot’s localized definitions', () => {
		expect(validateCommands(JSON.parse(JSON.stringify(commandDefinitions)))).toBeUndefined();
	});

	it('refuses a localized name against the naming rule, an unknown locale, and a description over 100', () => {
		const result = validateCommands([
			{
				name: 'pledge',
				description: 'Pledge',
				name_localizations: { 'es-ES': 'Compromiso' },
				description_localizations: { 'es-419': 'x'.repeat(101) },
				options: [sub({ es: 'firmar' }), { ...sub({ 'es-ES': 'firmar ya' }), name: 'status' }],
			},
		]);
		const text = JSON.stringify(result);
		expect(text).toContain('"name":{"_errors":[{"code":"APPLICATION_COMMAND_INVALID_NAME"');
		expect(text).toContain('"description_localizations":{"es-419":{"_errors":[{"code":"BASE_TYPE_BAD_LENGTH"');
		expect(text).toContain('"es":{"_errors":[{"code":"BASE_TYPE_CHOICES"');
	});

	it('refuses two options of one level with the same localized name', () => {
		const result = validateCommands([
			{
				name: 'pledge',
				description: 'Pledge',
				options: [sub({ 'es-ES': 'firmar' }), { ...sub({ 'es-ES': 'firmar' }), name: 'status' }],
			},
		]);
		expect(JSON.stringify(result)).toContain('APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS');
	});
});
