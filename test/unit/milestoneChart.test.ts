import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
	CHART_SIZE,
	type ProgressPoint,
	renderProgressChart,
	selectThresholds,
} from '../../src/jobs/milestoneChart.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const THRESHOLDS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
const LINE = [0xe6, 0x39, 0x46] as const;
const REACHED = [0xf0, 0xb2, 0x32] as const;
const BACKGROUND = [0x1e, 0x1f, 0x22] as const;

interface Decoded {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

async function decode(png: Buffer): Promise<Decoded> {
	const image = await loadImage(png);
	const canvas = createCanvas(image.width, image.height);
	const ctx = canvas.getContext('2d');
	ctx.drawImage(image, 0, 0);
	return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

function countNear(img: Decoded, rgb: readonly [number, number, number], tolerance = 10): number {
	let n = 0;
	for (let i = 0; i < img.data.length; i += 4) {
		if (
			Math.abs((img.data[i] ?? 0) - rgb[0]) <= tolerance &&
			Math.abs((img.data[i + 1] ?? 0) - rgb[1]) <= tolerance &&
			Math.abs((img.data[i + 2] ?? 0) - rgb[2]) <= tolerance
		) {
			n++;
		}
	}
	return n;
}

function distinctColours(img: Decoded): number {
	const seen = new Set<number>();
	for (let i = 0; i < img.data.length; i += 4) {
		seen.add(((img.data[i] ?? 0) << 16) | ((img.data[i + 1] ?? 0) << 8) | (img.data[i + 2] ?? 0));
	}
	return seen.size;
}

function pixel(img: Decoded, x: number, y: number): number[] {
	const i = (y * img.width + x) * 4;
	return [...img.data.subarray(i, i + 4)];
}

/** A plausible campaign: fast start, a lull, then a surge after press coverage. */
function campaign(days: number, final: number, start = Date.UTC(2025, 2, 3, 9)): ProgressPoint[] {
	const points: ProgressPoint[] = [];
	for (let d = 0; d <= days; d++) {
		const f = d / days;
		const shape = 0.45 * Math.sqrt(f) + 0.55 * f ** 3;
		points.push({ at: new Date(start + d * 86_400_000), total: Math.round(final * shape) });
	}
	return points;
}

function expectRendered(img: Decoded, width: number = CHART_SIZE.width, height: number = CHART_SIZE.height): void {
	expect([img.width, img.height]).toEqual([width, height]);
	// Painted background (not transparent), many colours (text antialiasing, fill), and the red line.
	expect(pixel(img, 1, 1)).toEqual([...BACKGROUND, 255]);
	expect(distinctColours(img)).toBeGreaterThan(50);
	expect(countNear(img, LINE)).toBeGreaterThan(30);
}

describe('renderProgressChart', () => {
	it('renders a realistic milestone as an 800×400 PNG and writes it for a visual check', async () => {
		// Measured here (Node 20): ~20-28 ms warm for 41 daily points, ~65-115 ms for the first call (fonts + Chart.js
		// registration); ~23 KB PNG.
		const png = await renderProgressChart({
			points: campaign(40, 263),
			thresholds: THRESHOLDS,
			reached: 250,
			total: 263,
			title: '#NoMusicForIce — 250 signers',
		});
		expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
		writeFileSync(join(tmpdir(), 'milestone-chart.png'), png);
		const img = await decode(png);
		expectRendered(img);
		expect(countNear(img, REACHED)).toBeGreaterThan(100);
	});

	it('exports the default size', () => {
		expect(CHART_SIZE).toEqual({ width: 800, height: 400 });
	});

	it('honours a custom size', async () => {
		const png = await renderProgressChart({
			points: campaign(10, 60),
			thresholds: THRESHOLDS,
			reached: 50,
			total: 60,
			title: '#NoMusicForIce — 50',
			width: 1200,
			height: 630,
		});
		expectRendered(await decode(png), 1200, 630);
	});

	it('rejects absurd sizes', async () => {
		const base = { points: [], thresholds: [], reached: 0, total: 0, title: 't' };
		await expect(renderProgressChart({ ...base, width: 0 })).rejects.toThrow(RangeError);
		await expect(renderProgressChart({ ...base, height: Number.NaN })).rejects.toThrow(RangeError);
		await expect(renderProgressChart({ ...base, width: 100_000 })).rejects.toThrow(RangeError);
	});

	it('renders with zero points', async () => {
		const png = await renderProgressChart({
			points: [],
			thresholds: THRESHOLDS,
			reached: 10,
			total: 12,
			title: 'zero',
		});
		expectRendered(await decode(png));
	});

	it('renders with one point', async () => {
		const png = await renderProgressChart({
			points: [{ at: new Date('2025-03-03T12:00:00Z'), total: 10 }],
			thresholds: THRESHOLDS,
			reached: 10,
			total: 10,
			title: 'one',
		});
		expectRendered(await decode(png));
	});

	it('renders 1,000 points spread over minutes', async () => {
		// Measured here: ~45 ms warm (~25 KB PNG).
		const start = Date.UTC(2025, 2, 3);
		const points = Array.from({ length: 1000 }, (_, i) => ({ at: new Date(start + i * 37_000), total: i + 1 }));
		const png = await renderProgressChart({ points, thresholds: THRESHOLDS, reached: 1000, total: 1000, title: '1k' });
		expectRendered(await decode(png));
	});

	it('downsamples 50,000 points and renders huge totals', async () => {
		const start = Date.UTC(2024, 0, 1);
		const points = Array.from({ length: 50_000 }, (_, i) => ({
			at: new Date(start + i * 900_000),
			total: (i + 1) * 40_000,
		}));
		const png = await renderProgressChart({
			points,
			thresholds: [1e6, 1e8, 1e9, 2e9, 5e9],
			reached: 1e9,
			total: 2e9,
			title: 'huge',
		});
		expectRendered(await decode(png));
	});

	it('renders without thresholds (no highlight drawn)', async () => {
		const png = await renderProgressChart({
			points: campaign(5, 30),
			thresholds: [],
			reached: Number.NaN,
			total: 30,
			title: 'none',
		});
		const img = await decode(png);
		expectRendered(img);
		expect(countNear(img, REACHED, 6)).toBe(0);
	});

	it('ignores invalid dates and unsorted input', async () => {
		const points = [
			{ at: new Date('2025-03-05T00:00:00Z'), total: 30 },
			{ at: new Date('nope'), total: 99 },
			{ at: new Date('2025-03-03T00:00:00Z'), total: 5 },
		];
		const png = await renderProgressChart({ points, thresholds: THRESHOLDS, reached: 25, total: 30, title: 'x' });
		expectRendered(await decode(png));
	});
});

describe('selectThresholds', () => {
	it('keeps thresholds up to the next one above the total, capped to the largest few', () => {
		expect(selectThresholds(THRESHOLDS, 263, 250)).toEqual([25, 50, 100, 250, 500]);
		expect(selectThresholds(THRESHOLDS, 30, 25)).toEqual([10, 25, 50]);
	});

	it('caps a dense list and keeps the reached one', () => {
		const dense = Array.from({ length: 60 }, (_, i) => (i + 1) * 10);
		const picked = selectThresholds(dense, 305, 300);
		expect(picked).toEqual([270, 280, 290, 300, 310]);
		expect(picked.length).toBeLessThanOrEqual(5);
	});

	it('keeps every threshold when the total is past the last one', () => {
		expect(selectThresholds([100, 10], 5000, 100)).toEqual([10, 100]);
	});

	it('handles empty, duplicate and junk input', () => {
		expect(selectThresholds([], 10, 10)).toEqual([10]);
		expect(selectThresholds([], 10, Number.NaN)).toEqual([]);
		expect(selectThresholds([25, 25, -1, Number.POSITIVE_INFINITY, 0], 30, 25)).toEqual([25]);
	});
});
