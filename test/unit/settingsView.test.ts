import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { settingsFields } from '../../src/text/settings.js';

const text = (fields: { name: string; value: string }[]) => fields.map((f) => `${f.name}: ${f.value}`).join('\n');

describe('/setup show fields', () => {
	it('marks the defaults of a server that set nothing and names the command that changes each', () => {
		const shown = text(settingsFields(en, null, 'en-US'));
		expect(shown).toContain('Milestones: 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000 (default)');
		expect(shown).toContain('Not set: milestones are not posted anywhere yet.\nChange with `/setup announcements`');
		expect(shown).toContain('Not set: new gig flags wait in `/gig review`.\nChange with `/setup moderation`');
		expect(shown).toContain('None: only members with the Manage Server permission moderate.');
		expect(shown).toContain('Not set: confirmed gigs are not announced.\nChange with `/setup alerts`');
		expect(shown).toContain('English, from the server’s language in Discord (default)\nChange with `/setup language`');
	});

	it('shows chosen values without "default", and the server’s Discord language when none is chosen', () => {
		const settings = {
			announcementChannelId: '300000000000000001',
			announcementChannelError: 'missingAccess',
			moderationChannelId: '300000000000000002',
			moderatorRoleId: '300000000000000003',
			milestoneThresholds: '5,15',
			language: 'es',
			alertChannelId: '300000000000000004',
		};
		const shown = text(settingsFields(en, settings, 'en-US'));
		expect(shown).toContain(
			'Announcement channel: <#300000000000000001>\n⚠️ Posting failed: I can’t see the channel (my role needs **View Channel** there).',
		);
		expect(shown).toContain('Milestones: 5, 15\n');
		expect(shown).toContain('Moderator role: <@&300000000000000003>');
		expect(shown).toContain('Gig alerts channel: <#300000000000000004>');
		expect(shown).toContain('Language of posts: Spanish\n');
		expect(shown).not.toContain('(default)');
		expect(text(settingsFields(en, null, 'es-419'))).toContain('Spanish, from the server’s language in Discord');
		const older = { ...settings, announcementChannelError: 'the channel no longer exists (Unknown Channel)' };
		expect(text(settingsFields(es, older, null))).toContain('No se pudo publicar: the channel no longer exists');
	});

	it('speaks Spanish to a Spanish-speaking admin, with the commands as their Discord names them', () => {
		const shown = text(settingsFields(es, null, 'es-ES'));
		expect(shown).toContain('Metas: 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000 (por defecto)');
		expect(shown).toContain('Se cambia con `/configurar anuncios`');
		expect(shown).toContain('español, según el idioma del servidor en Discord (por defecto)');
	});
});
