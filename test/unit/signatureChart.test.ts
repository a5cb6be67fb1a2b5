import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
	buildSignatureChart,
	CHART_SIZE,
	type ChartPoint,
	renderSignatureChart,
	type SignatureChartInput,
	type SignatureChartLabels,
	selectThresholds,
} from '../../src/charts/signatures.js';
import { en } from '../../src/i18n/en.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const THRESHOLDS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
const BIG_THRESHOLDS = [10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_000_000];
const LINE = [0xe6, 0x39, 0x46] as const;
const REACHED = [0xf0, 0xb2, 0x32] as const;
const BACKGROUND = [0x1e, 0x1f, 0x22] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date(Date.UTC(2026, 11, 1, 10, 30));

const EN: SignatureChartLabels = {
	title: en.milestone.chartTitle(263),
	yAxis: en.milestone.chartYAxis,
	threshold: en.milestone.chartThreshold,
};
const ES: SignatureChartLabels = {
	title: '#NoMusicForIce — 1.000.000 firmantes',
	yAxis: 'Firmantes',
	threshold: (n) => `${n} firmantes`,
};

interface Decoded {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

async function decode(png: Buffer): Promise<Decoded> {
	expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
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

function expectRendered(img: Decoded, width: number = CHART_SIZE.width, height: number = CHART_SIZE.height): void {
	expect([img.width, img.height]).toEqual([width, height]);
	// Painted background (not transparent), many colours (text antialiasing, fill), and the red line.
	expect(pixel(img, 1, 1)).toEqual([...BACKGROUND, 255]);
	expect(distinctColours(img)).toBeGreaterThan(50);
	expect(countNear(img, LINE)).toBeGreaterThan(30);
}

/** A plausible campaign, daily: fast start, a lull, then a surge after press coverage, ending at NOW. */
function campaign(days: number, final: number): ChartPoint[] {
	const start = NOW.getTime() - days * DAY;
	return Array.from({ length: days + 1 }, (_, d) => {
		const f = d / days;
		return { at: new Date(start + d * DAY), total: Math.round(final * (0.45 * Math.sqrt(f) + 0.55 * f ** 3)) };
	});
}

/** Builds the chart, checks what every picture must hold, and renders it to a decoded PNG. */
async function draw(name: string, input: SignatureChartInput) {
	const { chart, canvas } = buildSignatureChart(input);
	try {
		const x = chart.scales.x;
		const y = chart.scales.y;
		if (!x || !y) throw new Error('no scales');
		const data = chart.data.datasets[0]?.data ?? [];
		// The axis is real time and ends at now, where the line ends.
		expect(x.max).toBe(input.now.getTime());
		expect(data.at(-1)?.x).toBe(input.now.getTime());
		expect(Math.round(x.getPixelForValue(input.now.getTime()))).toBe(Math.round(chart.chartArea.right));
		expect(data.every((p, i) => i === 0 || p.x >= (data[i - 1]?.x ?? 0))).toBe(true);
		// Enough time labels to read, none overlapping its neighbour.
		const ctx = canvas.getContext('2d');
		const xLabels = x.ticks.map((t) => String(t.label));
		expect(xLabels.length).toBeGreaterThanOrEqual(3);
		const extents = x.ticks.map((t, i) => {
			ctx.font = `${t.major ? 600 : 400} 12px Inter`;
			const w = ctx.measureText(String(t.label)).width;
			const px = x.getPixelForTick(i);
			return [px - w / 2, px + w / 2] as const;
		});
		for (let i = 1; i < extents.length; i++) expect(extents[i]?.[0]).toBeGreaterThan(extents[i - 1]?.[1] ?? 0);
		const png = await canvas.encode('png');
		if (process.env.CHART_DIR) writeFileSync(join(process.env.CHART_DIR, `${name}.png`), png);
		return {
			img: await decode(png),
			xLabels,
			yLabels: y.ticks.map((t) => String(t.label)),
			yMax: y.max,
			title: chart.options.plugins?.title?.text,
			yTitle: chart.options.scales?.y?.title?.text,
			total: data.at(-1)?.y,
		};
	} finally {
		chart.destroy();
	}
}

describe('the signatures chart', () => {
	it('draws one signature from its hour to now', async () => {
		const points = [
			{ at: new Date(Date.UTC(2026, 11, 1, 10)), total: 0 },
			{ at: NOW, total: 1 },
		];
		const { img, total, xLabels, yMax } = await draw('one-signature', {
			points,
			now: NOW,
			thresholds: THRESHOLDS,
			language: 'en',
			labels: EN,
		});
		expectRendered(img);
		expect(total).toBe(1);
		// The count fills a fifth of the height, not a fifteenth: the far threshold (10) does not stretch the axis.
		expect(yMax).toBeLessThanOrEqual(5);
		// Minutes, in English style: '10:00 AM'.
		expect(xLabels.some((l) => /^\d{1,2}:\d\d [AP]M$/.test(l) || /^\d{1,2} [AP]M$/.test(l))).toBe(true);
	});

	it('keeps the line flat to now when every signature came in one hour yesterday', async () => {
		const points = [
			{ at: new Date(Date.UTC(2026, 10, 30, 9)), total: 0 },
			{ at: new Date(Date.UTC(2026, 10, 30, 10)), total: 80 },
			{ at: NOW, total: 80 },
		];
		const { img, xLabels } = await draw('one-hour', {
			points,
			now: NOW,
			thresholds: THRESHOLDS,
			reached: 50,
			language: 'en',
			labels: EN,
		});
		expectRendered(img);
		expect(countNear(img, REACHED)).toBeGreaterThan(100);
		// Hour ticks with the day boundary named: 'Dec 1'.
		expect(xLabels).toContain('Dec 1');
	});

	it('draws a year of daily history with month ticks', async () => {
		const { img, xLabels, yLabels } = await draw('year', {
			points: campaign(365, 2600),
			now: NOW,
			thresholds: THRESHOLDS,
			reached: 2500,
			language: 'en',
			labels: EN,
		});
		expectRendered(img);
		expect(xLabels.some((l) => /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 2026$/.test(l))).toBe(true);
		expect(yLabels).toContain('2,000');
	});

	it('formats a million signers in English', async () => {
		const { img, yLabels } = await draw('million-en', {
			points: campaign(60, 1_000_000),
			now: NOW,
			thresholds: BIG_THRESHOLDS,
			reached: 1_000_000,
			language: 'en',
			labels: { ...EN, title: en.milestone.chartTitle(1_000_000) },
		});
		expectRendered(img);
		expect(yLabels).toContain('1,000,000');
	});

	it('writes dates and numbers in Spanish with Spanish labels', async () => {
		const { img, xLabels, yLabels, title, yTitle } = await draw('million-es', {
			points: campaign(120, 1_000_000),
			now: NOW,
			thresholds: BIG_THRESHOLDS,
			reached: 1_000_000,
			language: 'es',
			labels: ES,
		});
		expectRendered(img);
		expect([title, yTitle]).toEqual([ES.title, 'Firmantes']);
		expect(yLabels).toContain('1.000.000');
		expect(yLabels.some((l) => l.includes(','))).toBe(false);
		const spanishMonth = /^(ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic) 2026$/;
		expect(xLabels.some((l) => spanishMonth.test(l))).toBe(true);
		expect(xLabels.some((l) => /\b(Jan|Apr|Aug|Dec)\b/.test(l))).toBe(false);
	});

	it('writes Spanish hours on the 24-hour clock and days before months', async () => {
		const { xLabels } = await draw('hours-es', {
			points: [
				{ at: new Date(NOW.getTime() - 3 * DAY), total: 0 },
				{ at: NOW, total: 40 },
			],
			now: NOW,
			thresholds: THRESHOLDS,
			language: 'es',
			labels: ES,
		});
		expect(xLabels).toContain('1 dic');
		expect(xLabels.some((l) => /^\d{1,2}:00$/.test(l))).toBe(true);
		expect(xLabels.some((l) => /[AP]M/.test(l))).toBe(false);
	});

	it('never draws past now: later points are dropped and an old last point is carried to now', async () => {
		const { chart } = buildSignatureChart({
			points: [
				{ at: new Date(NOW.getTime() - 5 * DAY), total: 3 },
				{ at: new Date(NOW.getTime() - 2 * DAY), total: 7 },
				{ at: new Date(NOW.getTime() + DAY), total: 99 },
				{ at: new Date('nope'), total: 50 },
			],
			now: NOW,
			thresholds: THRESHOLDS,
			language: 'en',
			labels: EN,
		});
		try {
			const data = chart.data.datasets[0]?.data.map((p) => [p.x - NOW.getTime(), p.y]) ?? [];
			// The axis starts at a round time before the first point, flat at its count.
			expect(data[0]?.[0]).toBeLessThanOrEqual(-5 * DAY);
			expect(data.slice(1)).toEqual([
				[-5 * DAY, 3],
				[-2 * DAY, 7],
				[0, 7],
			]);
			expect(chart.scales.x?.max).toBe(NOW.getTime());
		} finally {
			chart.destroy();
		}
	});

	it('falls back to English for a language it does not know', async () => {
		const { yLabels } = await draw('unknown-language', {
			points: campaign(30, 12_000),
			now: NOW,
			thresholds: BIG_THRESHOLDS,
			language: 'fr' as SignatureChartInput['language'],
			labels: EN,
		});
		expect(yLabels).toContain('10,000');
	});

	it('renders before anyone signed', async () => {
		const png = await renderSignatureChart({
			points: [],
			now: NOW,
			thresholds: THRESHOLDS,
			language: 'en',
			labels: EN,
		});
		const img = await decode(png);
		expect([img.width, img.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
		expect(pixel(img, 1, 1)).toEqual([...BACKGROUND, 255]);
	});

	it('honours a custom size', async () => {
		const png = await renderSignatureChart({
			points: campaign(10, 60),
			now: NOW,
			thresholds: THRESHOLDS,
			reached: 50,
			language: 'en',
			labels: EN,
			width: 1200,
			height: 630,
		});
		expectRendered(await decode(png), 1200, 630);
	});

	it('rejects absurd sizes and an invalid now', async () => {
		const base: SignatureChartInput = { points: [], now: NOW, thresholds: [], language: 'en', labels: EN };
		await expect(renderSignatureChart({ ...base, width: 0 })).rejects.toThrow(RangeError);
		await expect(renderSignatureChart({ ...base, height: Number.NaN })).rejects.toThrow(RangeError);
		await expect(renderSignatureChart({ ...base, width: 100_000 })).rejects.toThrow(RangeError);
		await expect(renderSignatureChart({ ...base, now: new Date('nope') })).rejects.toThrow(RangeError);
	});

	it('downsamples 50,000 points and keeps the last one at now', async () => {
		const start = NOW.getTime() - 50_000 * 900_000;
		const points = Array.from({ length: 50_000 }, (_, i) => ({
			at: new Date(start + (i + 1) * 900_000),
			total: (i + 1) * 40,
		}));
		const { img, total } = await draw('downsampled', {
			points,
			now: NOW,
			thresholds: BIG_THRESHOLDS,
			reached: 1_000_000,
			language: 'en',
			labels: EN,
		});
		expectRendered(img);
		expect(total).toBe(2_000_000);
	});

	it('draws no highlight without thresholds', async () => {
		const png = await renderSignatureChart({
			points: campaign(5, 30),
			now: NOW,
			thresholds: [],
			language: 'en',
			labels: EN,
		});
		const img = await decode(png);
		expectRendered(img);
		expect(countNear(img, REACHED, 6)).toBe(0);
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
		expect(selectThresholds([], 10)).toEqual([]);
		expect(selectThresholds([25, 25, -1, Number.POSITIVE_INFINITY, 0], 30, 25)).toEqual([25]);
	});
});
