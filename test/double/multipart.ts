// A small multipart/form-data parser: enough for @discordjs/rest uploads (payload_json + files[n]).

export interface FormPart {
	name: string;
	filename: string | undefined;
	contentType: string | undefined;
	data: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	return match?.[1] ?? match?.[2]?.trim();
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: FormPart[] = [];
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		let cursor = start + delimiter.length;
		// "--" right after a delimiter closes the body.
		if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break;
		cursor = skipLineBreak(body, cursor);
		const next = body.indexOf(delimiter, cursor);
		if (next === -1) break;
		const headerEnd = body.indexOf('\r\n\r\n', cursor);
		if (headerEnd === -1 || headerEnd > next) break;
		const headers = body.subarray(cursor, headerEnd).toString('utf8');
		// The part's content ends with the CRLF that precedes the next delimiter.
		let end = next;
		if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
		const part = partOf(headers, body.subarray(headerEnd + 4, end));
		if (part) parts.push(part);
		start = next;
	}
	return parts;
}

function skipLineBreak(body: Buffer, at: number): number {
	if (body[at] === 0x0d && body[at + 1] === 0x0a) return at + 2;
	if (body[at] === 0x0a) return at + 1;
	return at;
}

function partOf(headers: string, data: Buffer): FormPart | undefined {
	let name: string | undefined;
	let filename: string | undefined;
	let contentType: string | undefined;
	for (const line of headers.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon === -1) continue;
		const key = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		if (key === 'content-disposition') {
			name = paramOf(value, 'name');
			filename = paramOf(value, 'filename');
		} else if (key === 'content-type') {
			contentType = value;
		}
	}
	if (name === undefined) return undefined;
	return { name, filename, contentType, data: Buffer.from(data) };
}

function paramOf(header: string, param: string): string | undefined {
	const match = new RegExp(`(?:^|;)\\s*${param}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
	if (match?.[1] !== undefined) return match[1].replace(/\\(.)/g, '$1');
	return new RegExp(`(?:^|;)\\s*${param}=([^;]+)`, 'i').exec(header)?.[1]?.trim();
}
