// Catálogo en español: el mismo texto sirve para es-ES y es-419. Español neutro tuteando (como la propia
// interfaz de Discord), sin vosotros ni regionalismos. Los nombres de comandos van sin tildes (se escriben
// igual con cualquier teclado) pero con ñ, que es otra letra. Tiene la misma forma que ./en.ts.
import type { Catalogue } from './en.js';
import { en } from './en.js';
import { formatDate, formatList, formatNumber, formatPercent } from './format.js';

const n = (value: number | bigint) => formatNumber('es', value);
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

const connections = {
	aws: 'AWS (Amazon Web Services)',
	amazon_music: 'Amazon Music',
	twitch: 'Twitch',
	whole_foods: 'Whole Foods',
	ring: 'Ring',
	prime_video: 'Prime Video / Amazon MGM Studios',
	audible: 'Audible',
	other_amazon: 'Otra empresa o patrocinio de Amazon',
};

const page = { name: 'pagina', description: 'Número de página' };

const commands = {
	pledge: {
		name: 'compromiso',
		description: 'El compromiso #NoMusicForIce: no trabajar con Amazon hasta que rompa con ICE',
		subcommands: {
			sign: {
				name: 'firmar',
				description: 'Firma el compromiso (en privado, salvo que elijas que sea público)',
				options: {
					artist_name: { name: 'nombre_artistico', description: 'Tu nombre artístico o el de tu banda' },
					city: { name: 'ciudad', description: 'Dónde tienes tu base' },
					public: { name: 'publico', description: 'Mostrar tu nombre en la lista de firmantes (por defecto: no)' },
				},
			},
			withdraw: { name: 'retirar', description: 'Retira tu firma (se borra)', options: {} },
			status: { name: 'estado', description: 'Si has firmado, con qué datos, y el total de firmas', options: {} },
			signers: {
				name: 'firmantes',
				description: 'Quienes firmaron y eligieron aparecer en la lista',
				options: { page },
			},
			unlist: {
				name: 'quitar_de_lista',
				description: 'Moderación: quita un nombre de la lista pública (la firma sigue, en privado)',
				options: { name: { name: 'nombre', description: 'El nombre tal como aparece en la lista' } },
			},
		},
	},
	demands: { name: 'demandas', description: 'El compromiso y las cuatro demandas de la carta #NoMusicForIce' },
	gig: {
		name: 'concierto',
		description: 'Conciertos ligados a Amazon: repórtalos, consulta los confirmados, revisa los avisos',
		subcommands: {
			flag: {
				name: 'reportar',
				description: 'Reporta un concierto con vínculos con Amazon, con una prueba',
				options: {
					event: { name: 'evento', description: 'Nombre del evento' },
					venue: { name: 'lugar', description: 'Sala o recinto, y ciudad' },
					date: { name: 'fecha', description: 'Fecha del concierto, AAAA-MM-DD (hoy o más adelante)' },
					connection: {
						name: 'vinculo',
						description: 'Qué relación tiene el concierto con Amazon',
						choices: connections,
					},
					link: { name: 'enlace', description: 'Prueba: un enlace web (http o https)' },
					details: { name: 'detalles', description: 'Cualquier cosa que deba saber el equipo de moderación' },
				},
			},
			list: {
				name: 'lista',
				description: 'Conciertos confirmados ligados a Amazon, los más próximos primero',
				options: { page },
			},
			review: {
				name: 'revisar',
				description: 'Moderación: avisos pendientes de confirmar o rechazar',
				options: {},
			},
		},
	},
	setup: {
		name: 'configurar',
		description: 'Configura el bot #NoMusicForIce en este servidor',
		subcommands: {
			announcements: {
				name: 'anuncios',
				description: 'Canal donde se celebran las metas de firmas',
				options: { channel: { name: 'canal', description: 'Un canal de texto o de anuncios' } },
			},
			moderation: {
				name: 'moderacion',
				description: 'Canal para los nuevos avisos de conciertos, y el rol de moderación',
				options: {
					channel: { name: 'canal', description: 'Un canal de texto para el equipo de moderación' },
					role: { name: 'rol', description: 'Quien tenga este rol podrá moderar' },
				},
			},
			milestones: {
				name: 'metas',
				description: 'Cifras de firmas que se celebran, p. ej. 10, 25, 50, 100',
				options: { thresholds: { name: 'cifras', description: 'Números enteros separados por comas o espacios' } },
			},
			language: {
				name: 'idioma',
				description: 'Idioma de las publicaciones del bot en este servidor',
				options: {
					language: {
						name: 'idioma',
						description: 'Inglés o español',
						choices: { en: 'Inglés (English)', es: 'Español' },
					},
				},
			},
			alerts: {
				name: 'alertas',
				description: 'Canal donde se anuncian los conciertos confirmados ligados a Amazon',
				options: { channel: { name: 'canal', description: 'Un canal de texto o de anuncios' } },
			},
			show: {
				name: 'ver',
				description: 'La configuración de este servidor y lo que falta por configurar',
				options: {},
			},
		},
	},
	campaign: {
		name: 'campaña',
		description: 'La campaña en cifras, y sus datos para quienes la organizan',
		subcommands: {
			stats: { name: 'estadisticas', description: 'Firmas hasta hoy, su crecimiento y un gráfico', options: {} },
			export: {
				name: 'exportar',
				description: 'Organización: descarga la lista pública y los avisos de conciertos de este servidor',
				options: {},
			},
		},
	},
	help: { name: 'ayuda', description: 'Qué hace este bot y cómo usarlo' },
	flagMessage: { name: 'Reportar concierto de Amazon' },
} as const satisfies Catalogue['commands'];

/** `/compromiso firmar`: a command as a Spanish-speaking member sees it in Discord's picker. */
function command<C extends keyof typeof commands>(name: C, sub?: string): string {
	const top = commands[name];
	const subs: Record<string, { name: string }> = 'subcommands' in top ? top.subcommands : {};
	const subName = sub === undefined ? undefined : subs[sub]?.name;
	return `\`/${top.name}${subName ? ` ${subName}` : ''}\``;
}

/** Spanish names of the options, by English name: answers name an option as the member sees it. */
const optionNames: Readonly<Record<string, string>> = (() => {
	const names: Record<string, string> = {};
	for (const [key, top] of Object.entries(en.commands)) {
		if (!('subcommands' in top)) continue;
		const esTop = commands[key as keyof typeof commands];
		if (!('subcommands' in esTop)) continue;
		for (const [subKey, sub] of Object.entries(top.subcommands)) {
			const esSub = (esTop.subcommands as Record<string, { options: Record<string, { name: string }> }>)[subKey];
			for (const [optionKey, option] of Object.entries(sub.options as Record<string, { name: string }>)) {
				const esName = esSub?.options[optionKey]?.name;
				if (esName) names[option.name] = esName;
			}
		}
	}
	return names;
})();
const option = (name: string) => `\`${optionNames[name] ?? name}\``;

export const es = {
	commands,
	common: {
		previous: 'Anterior',
		next: 'Siguiente',
		pageOf: (pageNumber: number, pages: number) => `Página ${n(pageNumber)} de ${n(pages)}`,
		yes: 'Sí',
		no: 'No',
		notGiven: 'sin indicar',
		footer: '#NoMusicForIce',
		number: (value: number | bigint) => n(value),
		percent: (share: number) => formatPercent('es', share),
		date: (date: Date, style?: 'long' | 'short' | 'month') => formatDate('es', date, style),
		list: (items: readonly string[]) => formatList('es', items),
	},
	/** Los nombres de los permisos tal como los muestra Discord en español. */
	permissions: {
		ViewChannel: 'Ver canales',
		SendMessages: 'Enviar mensajes',
		EmbedLinks: 'Insertar enlaces',
		AttachFiles: 'Adjuntar archivos',
		ReadMessageHistory: 'Leer el historial de mensajes',
		ManageGuild: 'Gestionar servidor',
		ManageRoles: 'Gestionar roles',
		ManageMessages: 'Gestionar mensajes',
	} as Record<string, string>,
	errors: {
		unexpected: (ref: string) =>
			`Algo falló por nuestra parte. Comprueba si tu comando funcionó antes de volver a intentarlo. Si sigue pasando, dale este código a alguien de la organización: \`${ref}\`.`,
		unknownCommand: `El bot ya no conoce este comando. Prueba ${command('help')} para ver lo que puede hacer.`,
		expiredButton: 'Este botón ha caducado. Vuelve a usar el comando para tener uno nuevo.',
		starting:
			'El bot se está iniciando y aún no puede responder. No se ha guardado nada: vuelve a intentarlo en unos segundos.',
		guildOnly: 'Este comando solo funciona dentro de un servidor.',
		tooLong: (name: string, max: number) => `${option(name)} es demasiado largo: como máximo ${n(max)} caracteres.`,
		invalidOption: (name: string, expected: string) => `${option(name)} no es válido: ${expected}.`,
		atMost: (max: number | bigint) => `como máximo ${n(max)}`,
		atLeast: (min: number | bigint) => `como mínimo ${n(min)}`,
		expected: {
			text: 'un texto',
			number: 'un número',
			yesNo: 'sí o no',
			wholeNumber: 'un número entero',
			notBlank: 'no puede quedar en blanco',
			choice: 'una de las opciones de la lista',
			atLeastChars: (min: number) => `como mínimo ${n(min)} caracteres`,
			plainText:
				'texto simple: se muestra tal como se escribe, así que no se aceptan menciones, enlaces a canales o comandos ni marcas de tiempo (`<@…>`, `<#…>`, `</…:…>`, `<t:…>`)',
		},
		roleOfServer: 'un rol de este servidor (no @everyone)',
		textChannelOfServer: 'un canal de texto de este servidor',
		missingOption: (name: string) => `Falta ${option(name)}: es obligatorio.`,
		noPermission:
			'Solo pueden hacer esto quienes tienen el permiso **Gestionar servidor**. Alguien que administre el servidor puede darlo en Ajustes del servidor → Roles.',
		notModerator: `Solo el equipo de moderación puede hacer esto: quienes tienen el permiso **Gestionar servidor** o el rol de moderación elegido en ${command('setup', 'moderation')}.`,
	},
	pledge: {
		signedTitle: 'Has firmado el compromiso',
		updatedTitle: 'Tu firma se ha actualizado',
		signedBody: 'Gracias. Te has comprometido a no trabajar con Amazon hasta que rompa sus lazos con ICE.',
		updatedBody: 'Ya habías firmado: tus datos se han actualizado y sigues contando una sola vez.',
		recordedArtist: 'Nombre artístico',
		recordedCity: 'Ciudad',
		recordedPublic: 'Visible en la lista de firmantes',
		total: 'Firmas en total',
		guildCount: 'Firmas de este servidor',
		howToWithdraw: `¿Has cambiado de idea? ${command('pledge', 'withdraw')} borra tu firma.`,
		privacyNote:
			'Solo tú ves este mensaje. Tu firma se guarda codificada: los datos del bot por sí solos no revelan quién firmó.',
		withdrawnTitle: 'Has retirado tu firma',
		withdrawnBody: `Tu firma se ha borrado. Puedes volver a firmar cuando quieras con ${command('pledge', 'sign')}.`,
		notSignedTitle: 'Aún no has firmado',
		notSignedBody: `Firma con ${command('pledge', 'sign')}. Tu nombre es privado salvo que pongas \`${commands.pledge.subcommands.sign.options.public.name}\` en sí.`,
		statusSignedTitle: 'Has firmado el compromiso',
		signedOn: 'Fecha de la firma',
		signersTitle: 'Firmantes públicos del compromiso',
		signersEmpty: `Todavía nadie ha elegido aparecer en la lista. Sé la primera persona: ${command('pledge', 'sign')} con \`${commands.pledge.subcommands.sign.options.public.name}\` en sí.`,
		signersSummary: (shown: number, total: number) =>
			`${n(shown)} ${plural(shown, 'persona eligió', 'personas eligieron')} aparecer en la lista, de ${n(total)} ${plural(total, 'firma', 'firmas')} en total.`,
		unnamed: 'Artista sin nombre',
		unlisted: (name: string, count: number) =>
			`«${name}» ya no está en la lista pública (${n(count)} ${plural(count, 'firma', 'firmas')}). Las firmas siguen contando; quedan fuera de la lista hasta que quien firmó dé un nuevo nombre artístico.`,
		unlistNotFound: (name: string) =>
			`Nadie de este servidor aparece en la lista como «${name}». Elige un nombre de las sugerencias tal como aparece en ${command('pledge', 'signers')}.`,
		unlistedNote:
			'No: el equipo de moderación del servidor lo quitó de la lista pública. Vuelve a firmar con un nuevo nombre artístico para aparecer.',
	},
	demands: {
		title: '#NoMusicForIce: el compromiso',
		pledge:
			'«Nos comprometemos a no participar en eventos patrocinados por Amazon ni a establecer colaboraciones exclusivas con Amazon … hasta que Amazon se comprometa públicamente a» cumplir estas cuatro demandas:',
		list: [
			'Rescindir los contratos vigentes con agencias militares, policiales y gubernamentales (ICE, CBP, ORR) que cometen violaciones de los derechos humanos.',
			'Dejar de proporcionar servicios en la nube y herramientas a organizaciones (como Palantir) que hacen funcionar la maquinaria de deportación del Gobierno de Estados Unidos.',
			'Poner fin a los proyectos que fomentan la elaboración de perfiles raciales y la discriminación, como el producto de reconocimiento facial de Amazon.',
			'Rechazar futuros acuerdos con los actores nocivos antes mencionados.',
		],
		demandTitle: (number: number) => `Demanda ${n(number)}`,
		partnerships:
			'Por «colaboraciones» se entienden Amazon Exclusives, Amazon Originals y las colaboraciones de investigación y desarrollo.',
		organiser: `Carta de Fight for the Future (2019), junto a Mijente y RAICES. Firma con ${command('pledge', 'sign')}.`,
	},
	gig: {
		connections,
		expected: {
			text: 'texto sobre el evento (sin mencionar a personas ni roles)',
			date: 'una fecha real escrita AAAA-MM-DD (año-mes-día), p. ej. 2026-12-06',
			datePast: (today: string) => `una fecha a partir de hoy (hoy es ${today})`,
			link: 'una dirección web que empiece por http:// o https://, p. ej. https://example.com/cartel (sin usuario ni contraseña)',
			connection: 'uno de los vínculos con Amazon de la lista',
			connectionIn: (choices: string) => `uno de estos: ${choices}, o su nombre tal como aparece en la lista`,
			mention: 'sobre eventos y empresas, nunca sobre personas: quita la mención a un miembro o rol',
			reason: 'un motivo de 1 a 500 caracteres',
		},
		modal: {
			title: 'Reportar un concierto ligado a Amazon',
			event: 'Evento',
			venue: 'Sala o recinto, y ciudad',
			date: 'Fecha (AAAA-MM-DD, hoy o más adelante)',
			connection: 'Vínculo con Amazon',
			link: 'Prueba (un enlace web)',
			placeholders: {
				event: 'p. ej. Festival Intersect',
				venue: 'p. ej. Las Vegas Festival Grounds',
				date: 'p. ej. 2027-06-21',
				connection: 'aws, amazon_music, twitch, whole_foods, ring, prime_video, audible u other_amazon',
				link: 'https://…',
			},
		},
		flaggedTitle: 'Concierto reportado: ¡gracias!',
		flaggedBody: `Alguien del equipo de moderación revisará la prueba antes de que el concierto aparezca en ${command('gig', 'list')}.`,
		duplicateTitle: 'Este concierto ya estaba reportado',
		duplicateBody: (status: string, reports: number) =>
			`Su estado: **${status}**. Hemos sumado tu aviso: ${n(reports)} ${plural(reports, 'persona lo ha', 'personas lo han')} reportado.`,
		alreadyReportedBody: (status: string, reports: number) =>
			`Ya lo habías reportado. Su estado: **${status}**, con ${n(reports)} ${plural(reports, 'aviso', 'avisos')}.`,
		floodLimited: (limit: number, when: string) =>
			`Has reportado ${n(limit)} conciertos en la última hora, el máximo permitido. Podrás volver a reportar ${when}.`,
		status: { pending: 'pendiente de revisión', confirmed: 'confirmado', rejected: 'rechazado' } as Record<
			string,
			string
		>,
		fields: {
			venue: 'Lugar',
			date: 'Fecha',
			connection: 'Vínculo con Amazon',
			link: 'Prueba',
			evidenceHost: 'Prueba de',
			details: 'Detalles',
			reports: 'Avisos',
			outcome: 'Resultado',
			reason: 'Motivo',
		},
		flagFooter: (id: number) => `Aviso n.º ${id}`,
		alertTitle: (event: string) => `Concierto ligado a Amazon: ${event}`,
		alertBody: `El equipo de moderación revisó la prueba: este concierto tiene vínculos con Amazon. Quienes firmaron el compromiso no tocan en él. Todos los conciertos confirmados, en ${command('gig', 'list')}.`,
		queueTitle: (event: string) => `Nuevo concierto reportado: ${event}`,
		confirm: 'Confirmar',
		reject: 'Rechazar',
		confirmedBy: (who: string, when: string) => `✅ Confirmado por ${who} ${when}`,
		rejectedBy: (who: string, when: string) => `❌ Rechazado por ${who} ${when}`,
		alreadyReviewed: (outcome: string, who: string, when: string) =>
			`Este aviso ya fue ${outcome} por ${who} ${when}. No se ha cambiado nada.`,
		reviewDone: (id: number, outcome: string) =>
			`Aviso n.º ${id} ${outcome}. Su tarjeta en el canal de moderación ya lo muestra.`,
		unknownFlag: 'Este aviso ya no existe en este servidor.',
		rejectModalTitle: 'Rechazar este aviso',
		rejectReasonLabel: '¿Por qué se rechaza? (lo ve el equipo de moderación)',
		reviewTitle: 'Avisos de conciertos pendientes de revisión',
		reviewEmpty: 'No hay avisos pendientes de revisión.',
		listTitle: 'Conciertos confirmados ligados a Amazon',
		listEmpty: `No hay próximos conciertos confirmados. ¿Conoces alguno? Repórtalo con ${command('gig', 'flag')}.`,
		evidence: 'prueba',
	},
	setup: {
		notTextChannel: 'Elige un canal de texto o de anuncios.',
		otherServer: 'Ese canal no es de este servidor.',
		botMissing: (channel: string, permissions: string) =>
			`El bot todavía no puede publicar en ${channel}: ahí necesita ${permissions}. En Discord: Editar canal → Permisos → añade el rol del bot y activa ${permissions} (o actívalos para el rol del bot en Ajustes del servidor → Roles), y vuelve a usar este comando. O elige otro canal.`,
		thresholdsInvalid: (max: number) =>
			`${option('thresholds')} deben ser números enteros mayores que 0 separados por comas o espacios, como máximo ${n(max)}, p. ej. \`10, 25, 50, 100\`.`,
		moderationSaved: (channel: string, role: string | null) =>
			`Los nuevos avisos de conciertos se publicarán en ${channel}. ${role ? `Quien tenga el rol ${role} podrá moderar, igual que quien tenga el permiso Gestionar servidor.` : 'Podrá moderar quien tenga el permiso Gestionar servidor (no hay rol de moderación).'}`,
		announcementsSaved: (channel: string, silenced: number) =>
			`Las metas se publicarán en ${channel}.${silenced > 0 ? ` ${silenced === 1 ? 'Ya se había superado una meta' : `Ya se habían superado ${n(silenced)} metas`}: la próxima será la primera publicación.` : ''}`,
		milestonesSaved: (milestones: string, silenced: number) =>
			`Metas fijadas: ${milestones}.${silenced > 0 ? ` ${silenced === 1 ? 'Una ya se había superado y no se anunciará' : `${n(silenced)} ya se habían superado y no se anunciarán`}.` : ''}`,
		languageSaved: (language: string) =>
			`Las publicaciones de este servidor (metas, canal de moderación, alertas de conciertos) serán en ${language}. Cada miembro sigue recibiendo las respuestas en el idioma de su Discord.`,
		alertsSaved: (channel: string) =>
			`Los conciertos confirmados ligados a Amazon se anunciarán en ${channel}. Los avisos pendientes o rechazados nunca se anuncian.`,
		showTitle: 'Configuración de este servidor',
		showIntro: 'Lo que hace el bot aquí, y lo que todavía falta (⚠️).',
		alertsChannel: 'Canal de alertas de conciertos',
		postsLanguage: 'Idioma de las publicaciones del bot',
		onlyManageServer: 'ninguno: solo quien tiene el permiso Gestionar servidor puede revisar avisos',
		byDefault: (value: string) => `${value} (por defecto)`,
		serverLocaleLanguage: (language: string) => `${language}, el idioma del servidor en Discord`,
		changeWith: (commandName: string) => `Se cambia con ${commandName}`,
		missingThere: (permissions: string) =>
			`Al bot le falta ${permissions} aquí. En Discord: Editar canal → Permisos → añade el rol del bot y activa ${permissions}.`,
		announcementChannel: 'Canal de anuncios',
		moderationChannel: 'Canal de moderación',
		moderatorRole: 'Rol de moderación',
		milestones: 'Metas',
		notSet: 'sin configurar',
		languageNames: { en: 'inglés', es: 'español' },
		noAnnouncementChannelYet: `Todavía no hay canal de anuncios, así que no se publicará ninguna meta: elige uno con ${command('setup', 'announcements')}.`,
		channelProblem: (problem: string) =>
			`⚠️ No se pudo publicar: ${problem}. Cuando esté arreglado, vuelve a elegir el canal con ${command('setup', 'announcements')}.`,
		channelProblems: {
			unknownChannel: 'el canal se ha borrado',
			missingAccess: 'no puedo ver el canal (mi rol necesita **Ver canales** ahí)',
			missingPermissions:
				'no tengo permiso para publicar ahí (mi rol necesita **Enviar mensajes**, **Insertar enlaces** y **Adjuntar archivos** ahí)',
		} as Record<string, string>,
	},
	help: {
		title: 'El bot de #NoMusicForIce',
		about:
			'Artistas se comprometen a no trabajar con Amazon (festivales en AWS incluidos) hasta que rompa con ICE. Firma en privado o en público, lee las cuatro exigencias y reporta conciertos vinculados a Amazon para que el equipo de moderación los revise.',
		menu: (name: string) => `En cualquier mensaje con el enlace de un festival: Aplicaciones → **${name}**.`,
		privacy: 'Tu firma es privada salvo que elijas aparecer en la lista.',
		checklistTitle: 'Lista de configuración',
		checklistIntro:
			'Lo que el bot hace en este servidor y lo que falta (⚠️). Solo quien tiene Gestionar servidor ve esto.',
		welcome:
			'¡Gracias por añadir el bot de #NoMusicForIce! Quien tenga Gestionar servidor puede terminar de configurarlo:',
	},
	campaign: {
		statsTitle: '#NoMusicForIce en números',
		total: 'Firmas',
		lastWeek: 'Nuevas en los últimos 7 días',
		lastMonth: 'Nuevas en los últimos 30 días',
		servers: 'Servidores que participan',
		publicShare: 'Eligieron aparecer en la lista',
		upcomingGigs: 'Conciertos vinculados a Amazon confirmados por venir (este servidor)',
		topCities: (minimum: number) => `Dónde están quienes firmaron (ciudades con ${n(minimum)} o más)`,
		noCityYet: (minimum: number) =>
			`Ninguna ciudad tiene ${n(minimum)} firmas todavía: una ciudad solo se muestra cuando al menos ${n(minimum)} personas la comparten.`,
		howToSign: 'Firma con /compromiso firmar',
		exported: (signers: number, flags: number) =>
			`Aquí están los datos de la campaña: ${n(signers)} ${plural(signers, 'firma pública', 'firmas públicas')} (las firmas privadas nunca se incluyen) y ${n(flags)} ${plural(flags, 'reporte de concierto', 'reportes de conciertos')} de este servidor. Los archivos se abren con cualquier hoja de cálculo.`,
	},
	milestone: {
		title: (threshold: number) => `¡${n(threshold)} artistas ya han firmado el compromiso!`,
		body: (total: number) =>
			`🎉 ¡Gracias! **${n(total)}** artistas se han comprometido a no trabajar con Amazon hasta que rompa sus lazos con ICE. Cada nombre hace más fácil el siguiente.`,
		next: 'Próxima meta',
		nextValue: (next: number, total: number) =>
			`${n(next)} (${plural(Math.max(0, next - total), 'falta', 'faltan')} ${n(Math.max(0, next - total))})`,
		progress: 'Progreso',
		progressValue: (total: number, next: number) => `${n(total)} de ${n(next)} (${formatPercent('es', total / next)})`,
		allReached: 'Era la última meta fijada en este servidor. ¡Sigue corriendo la voz!',
		howToSign: `**¿Aún no has firmado?** Añade tu nombre con ${command('pledge', 'sign')}: es un minuto, y es privado salvo que elijas aparecer en la lista. Y pide a quienes tocan contigo que firmen también.`,
		chartTitle: (total: number) => `#NoMusicForIce: ${n(total)} ${plural(total, 'firma', 'firmas')}`,
		chartYAxis: 'Firmas',
		chartThreshold: (threshold: string) => `${threshold} firmas`,
	},
} as const satisfies Catalogue;
