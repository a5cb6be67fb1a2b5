// Evidence links: validated, stored and shown in the URL parser's canonical form (WHATWG `URL.href`), so the
// host reads as punycode (`https://аmazon.com` with a Cyrillic а is `xn--mazon-3ve.com`) and `<`, `>`, spaces
// and quotes are percent-encoded: a link cannot carry a mention, a timestamp or markdown into a message.
import { plain } from './plain.js';

/** The parsed http(s) URL with a real host, or undefined: no javascript:/data:, no credentials, no bare words. */
function evidenceUrl(text: string): URL | undefined {
	if (/\s/.test(text)) return undefined;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	if (url.username || url.password) return undefined;
	const host = url.hostname;
	if (!host.includes('.') || host.startsWith('.') || host.endsWith('.')) return undefined;
	return url;
}

/** An http(s) URL with a real host: no javascript:/data:, no credentials, no bare words. */
export function isEvidenceUrl(text: string): boolean {
	return evidenceUrl(text) !== undefined;
}

/** The canonical form of an evidence link (`URL.href`), or undefined when it is not one. */
export function canonicalLink(text: string): string | undefined {
	return evidenceUrl(text)?.href;
}

/** The canonical link with its host, for display; a stored link from before canonical storage is parsed again. */
function displayed(stored: string): { href: string; host: string } {
	const url = evidenceUrl(stored);
	// Not a URL any more (never stored so, but rows outlive code): shown as inert text, never as a link.
	if (!url) return { href: plain(stored), host: '' };
	// Parentheses are valid in a URL but close a masked link's `(…)`.
	return { href: url.href.replace(/\(/g, '%28').replace(/\)/g, '%29'), host: plain(url.hostname) };
}

/** The link's host as plain text (punycode for look-alike letters), or '' when it is not a link. */
export function linkHost(stored: string): string {
	return displayed(stored).host;
}

/** An embed field's value: the host as plain text, then the link itself. */
export function linkWithHost(stored: string): string {
	const { href, host } = displayed(stored);
	return host ? `${host} · ${href}` : href;
}

/** A masked link `[label](link)` followed by its host as plain text, so the reader sees where it goes. */
export function maskedLinkWithHost(label: string, stored: string): string {
	const { href, host } = displayed(stored);
	return host ? `[${label}](${href}) (${host})` : href;
}
