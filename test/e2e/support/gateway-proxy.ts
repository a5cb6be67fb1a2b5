// A transparent REST + gateway proxy in front of the Discord double that records every gateway connection and
// how it ended: the close code the bot sent (1000 for discord.js's destroy) or 1006 when the socket just dropped.
// The double keeps recording requests and interactions as usual; point DISCORD_API_URL at `apiUrl`.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { DiscordDouble } from '../../double/index.js';

export interface ProxiedConnection {
	openedAt: number;
	closedAt?: number;
	/** The close code of the first side to close. */
	code?: number;
	/** Who closed first: the bot (its close frame, or 1006 when its socket dropped) or the double. */
	closedBy?: 'bot' | 'discord';
}

export interface DoubleProxy {
	apiUrl: string;
	connections: ProxiedConnection[];
	close(): Promise<void>;
}

/** Codes a peer may put in a close frame; 1005/1006/1015 are only ever reported, never sent. */
const sendable = (code: number) =>
	code === 1000 || (code >= 1001 && code <= 1014 && code !== 1005 && code !== 1006) || code >= 3000;

export async function proxyDouble(double: DiscordDouble): Promise<DoubleProxy> {
	const upstream = new URL(double.apiUrl);
	const connections: ProxiedConnection[] = [];
	const sockets = new Set<WebSocket>();
	let wsUrl = '';

	const forward = (req: IncomingMessage, res: ServerResponse) => {
		const isGateway = /\/gateway(\/bot)?$/.test((req.url ?? '').split('?')[0] ?? '');
		const out = request(
			{ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
			(answer) => {
				if (!isGateway || answer.statusCode !== 200) {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
					return;
				}
				const chunks: Buffer[] = [];
				answer.on('data', (c: Buffer) => chunks.push(c));
				answer.on('end', () => {
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
					const text = JSON.stringify({ ...body, url: wsUrl });
					res.writeHead(200, { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) });
					res.end(text);
				});
			},
		);
		out.on('error', () => res.destroy());
		req.pipe(out);
	};

	const server = createServer(forward);
	const wss = new WebSocketServer({ noServer: true });
	server.on('upgrade', (req, socket, head) => {
		wss.handleUpgrade(req, socket, head, (bot) => {
			const record: ProxiedConnection = { openedAt: performance.now() };
			connections.push(record);
			const discord = new WebSocket(`${double.gatewayUrl}${req.url ?? '/'}`);
			sockets.add(bot);
			sockets.add(discord);
			const queued: { data: RawData; binary: boolean }[] = [];
			const end = (by: 'bot' | 'discord', code: number) => {
				if (record.closedBy) return;
				Object.assign(record, { closedBy: by, code, closedAt: performance.now() });
			};
			bot.on('message', (data, binary) => {
				if (discord.readyState === WebSocket.OPEN) discord.send(data, { binary });
				else queued.push({ data, binary });
			});
			discord.on('open', () => {
				for (const { data, binary } of queued.splice(0)) discord.send(data, { binary });
			});
			discord.on('message', (data, binary) => {
				let out: RawData | string = data;
				if (!binary && String(data).includes('"resume_gateway_url"')) {
					// Resumes must come back through the proxy too.
					const payload = JSON.parse(String(data)) as { d: Record<string, unknown> };
					payload.d.resume_gateway_url = wsUrl;
					out = JSON.stringify(payload);
				}
				if (bot.readyState === WebSocket.OPEN) bot.send(out, { binary });
			});
			bot.on('close', (code) => {
				end('bot', code);
				if (sendable(code)) discord.close(code);
				else discord.terminate();
			});
			discord.on('close', (code) => {
				end('discord', code);
				if (sendable(code)) bot.close(code);
				else bot.terminate();
			});
			bot.on('error', () => {});
			discord.on('error', () => bot.terminate());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	wsUrl = `ws://127.0.0.1:${port}`;
	return {
		apiUrl: `http://127.0.0.1:${port}${upstream.pathname}`,
		connections,
		async close() {
			for (const socket of sockets) socket.terminate();
			server.closeAllConnections();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
