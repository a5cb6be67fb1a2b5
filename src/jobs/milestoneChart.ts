import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import {
	Chart,
	type ChartConfiguration,
	type ChartItem,
	Filler,
	LinearScale,
	LineController,
	LineElement,
	type Plugin,
	PointElement,
	type Scale,
	Title,
} from 'chart.js';

export interface ProgressPoint {
	at: Date;
	total: number;
}

export interface ChartInput {
	points: ProgressPoint[];
	thresholds: number[];
	/** The threshold just reached; highlighted. */
	reached: number;
	total: number;
	/** Already localised by the caller, e.g. '#NoMusicForIce — 250 signers'. */
	title: string;
	width?: number;
	height?: number;
}

export const CHART_SIZE = { width: 800, height: 400 } as const;

const FONT = 'Inter';
// Fallback only matters if the woff2 files are missing; glyphs outside Inter's subsets render as tofu either way.
const FONT_FAMILY = `${FONT}, sans-serif`;
const MAX_MARKERS = 5;
const MIN_SIDE = 100;
const MAX_SIDE = 4000;

const COLOURS = {
	background: '#1e1f22',
	title: '#f2f3f5',
	muted: '#949ba4',
	grid: 'rgba(255, 255, 255, 0.07)',
	line: '#e63946',
	fill: 'rgba(230, 57, 70, 0.14)',
	reached: '#f0b232',
	next: '#b5bac1',
	other: '#6d6f78',
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

let setupDone = false;

/** Fonts and Chart.js components are process-global, so register them once, on first render. */
function ensureSetup(): void {
	if (setupDone) return;
	setupDone = true;
	Chart.register(LineController, LineElement, PointElement, LinearScale, Title, Filler);
	try {
		const pkg = createRequire(import.meta.url).resolve('@fontsource/inter/package.json');
		const dir = join(dirname(pkg), 'files');
		// Every subset (latin-ext, cyrillic, greek, vietnamese…) under one family: Skia falls back per glyph
		// between them, so localised titles render.
		for (const file of readdirSync(dir)) {
			if (/^inter-[a-z-]+-(400|600)-normal\.woff2$/.test(file)) GlobalFonts.registerFromPath(join(dir, file), FONT);
		}
	} catch {
		// A chart in a fallback font beats no chart; the milestone post must still go out.
	}
}

/**
 * Thresholds worth drawing: those up to the first one above `total`, at most MAX_MARKERS of the largest,
 * always keeping `reached` (low ones would crowd the bottom of the axis).
 */
export function selectThresholds(thresholds: readonly number[], total: number, reached: number): number[] {
	const sorted = [...new Set(thresholds.filter((t) => Number.isFinite(t) && t > 0))].sort((a, b) => a - b);
	const next = sorted.find((t) => t > total);
	const cap = next ?? total;
	const picked = sorted.filter((t) => t <= cap).slice(-MAX_MARKERS);
	if (Number.isFinite(reached) && reached > 0 && !picked.includes(reached)) {
		if (picked.length >= MAX_MARKERS) picked.splice(picked[0] === next ? 1 : 0, 1);
		picked.push(reached);
	}
	return picked.sort((a, b) => a - b);
}

interface XY {
	x: number;
	y: number;
}

function buildSeries(points: readonly ProgressPoint[], total: number, maxPoints: number): XY[] {
	const series = points
		.map((p) => ({ x: p.at.getTime(), y: p.total }))
		.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
		.map((p) => ({ x: p.x, y: Math.max(0, p.y) }))
		.sort((a, b) => a.x - b.x);
	const last = series.at(-1);
	const end = Number.isFinite(total) ? Math.max(0, total) : (last?.y ?? 0);
	if (!last) {
		const now = Date.now();
		return [
			{ x: now - DAY, y: 0 },
			{ x: now, y: end },
		];
	}
	// The caller's total wins over a stale last point.
	if (last.y !== end) series.push({ x: last.x, y: end });
	const first = series[0] ?? last;
	// A single instant has no extent to plot: start from zero a day earlier.
	if (first.x === last.x) series.unshift({ x: first.x - DAY, y: 0 });
	return downsample(series, maxPoints);
}

/** More points than pixels only costs time; keep the last point of each bucket (counts are cumulative). */
function downsample(series: XY[], maxPoints: number): XY[] {
	const first = series[0];
	const last = series.at(-1);
	if (series.length <= maxPoints || !first || !last) return series;
	const span = last.x - first.x;
	const out: XY[] = [first];
	let bucket = 0;
	for (let i = 1; i < series.length; i++) {
		const p = series[i];
		if (!p) continue;
		const b = Math.floor(((p.x - first.x) / span) * (maxPoints - 2));
		if (b === bucket && out.length > 1) out[out.length - 1] = p;
		else out.push(p);
		bucket = b;
	}
	return out;
}

type TimeStep = { ms: number } | { months: number };

const TIME_STEPS: readonly TimeStep[] = [
	{ ms: HOUR },
	{ ms: 2 * HOUR },
	{ ms: 3 * HOUR },
	{ ms: 6 * HOUR },
	{ ms: 12 * HOUR },
	{ ms: DAY },
	{ ms: 2 * DAY },
	{ ms: 7 * DAY },
	{ ms: 14 * DAY },
	{ months: 1 },
	{ months: 2 },
	{ months: 3 },
	{ months: 6 },
	{ months: 12 },
	{ months: 24 },
	{ months: 60 },
	{ months: 120 },
];

const approxMs = (step: TimeStep): number => ('ms' in step ? step.ms : step.months * 30.44 * DAY);

function pickStep(span: number, maxTicks: number): TimeStep {
	return (
		TIME_STEPS.find((s) => span / approxMs(s) <= maxTicks) ?? { months: 12 * Math.ceil(span / (365 * DAY * maxTicks)) }
	);
}

/** Ticks on UTC calendar boundaries; the linear scale alone would put them at arbitrary milliseconds. */
function timeTicks(min: number, max: number, step: TimeStep): number[] {
	const ticks: number[] = [];
	if ('ms' in step) {
		// The epoch was a Thursday: shift week-sized steps so they land on Mondays.
		const offset = step.ms >= 7 * DAY ? 4 * DAY : 0;
		for (let t = Math.ceil((min - offset) / step.ms) * step.ms + offset; t <= max; t += step.ms) ticks.push(t);
		return ticks;
	}
	const start = new Date(min);
	let month = start.getUTCFullYear() * 12 + start.getUTCMonth();
	month = Math.ceil(month / step.months) * step.months;
	for (let t = monthStart(month); t <= max; month += step.months, t = monthStart(month)) {
		if (t >= min) ticks.push(t);
	}
	return ticks;
}

const monthStart = (month: number): number => Date.UTC(Math.floor(month / 12), month % 12, 1);

function formatTime(ms: number, step: TimeStep): string {
	const d = new Date(ms);
	const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
	if ('ms' in step) {
		if (step.ms >= DAY) return day;
		return `${day} ${String(d.getUTCHours()).padStart(2, '0')}:00`;
	}
	return step.months >= 12 ? String(d.getUTCFullYear()) : `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const exact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** Exact up to a million, then compact so huge totals do not eat the plot's width. */
const formatCount = (n: number): string => (Math.abs(n) >= 1_000_000 ? compact.format(n) : exact.format(n));

function checkSide(value: number | undefined, fallback: number, name: string): number {
	const side = Math.round(value ?? fallback);
	if (!Number.isFinite(side) || side < MIN_SIDE || side > MAX_SIDE) {
		throw new RangeError(`${name} must be between ${MIN_SIDE} and ${MAX_SIDE}, got ${value}`);
	}
	return side;
}

/** Largest title size (px) that fits the width, so long localised titles shrink instead of clipping. */
function fitTitle(ctx: SKRSContext2D, title: string, maxWidth: number, preferred: number): number {
	let size = preferred;
	for (; size > 12; size--) {
		ctx.font = `600 ${size}px ${FONT_FAMILY}`;
		if (ctx.measureText(title).width <= maxWidth) break;
	}
	return size;
}

interface Marker {
	value: number;
	label: string;
	kind: 'reached' | 'next' | 'other';
}

const TAG_PAD_X = 6;

function markerPlugin(ctx: SKRSContext2D, markers: readonly Marker[], fontSize: number): Plugin<'line'> {
	const tagHeight = fontSize + 6;
	const colour = (m: Marker): string =>
		m.kind === 'reached' ? COLOURS.reached : m.kind === 'next' ? COLOURS.next : COLOURS.other;
	return {
		id: 'milestoneMarkers',
		// Background first: the canvas is transparent and Discord's dark theme would swallow the text.
		beforeDraw(chart) {
			ctx.save();
			ctx.fillStyle = COLOURS.background;
			ctx.fillRect(0, 0, chart.width, chart.height);
			ctx.restore();
		},
		// Lines under the data so the progress line stays on top.
		beforeDatasetsDraw(chart) {
			const { left, right, top, bottom } = chart.chartArea;
			const y = chart.scales.y;
			if (!y) return;
			ctx.save();
			for (const m of markers) {
				const py = Math.round(y.getPixelForValue(m.value)) + 0.5;
				if (py < top || py > bottom) continue;
				ctx.strokeStyle = colour(m);
				ctx.lineWidth = m.kind === 'reached' ? 2 : 1;
				ctx.setLineDash(m.kind === 'reached' ? [8, 5] : [5, 5]);
				ctx.beginPath();
				ctx.moveTo(left, py);
				ctx.lineTo(right, py);
				ctx.stroke();
			}
			ctx.restore();
		},
		// Tags in the right gutter, where they cannot collide with the line; lower-priority tags that would
		// overlap a drawn one are skipped rather than stacked.
		afterDatasetsDraw(chart) {
			const { right, top, bottom } = chart.chartArea;
			const y = chart.scales.y;
			if (!y) return;
			const priority = { reached: 0, next: 1, other: 2 } as const;
			const ordered = [...markers].sort((a, b) => priority[a.kind] - priority[b.kind] || b.value - a.value);
			const taken: number[] = [];
			ctx.save();
			ctx.font = `600 ${fontSize}px ${FONT_FAMILY}`;
			ctx.textBaseline = 'middle';
			ctx.textAlign = 'left';
			for (const m of ordered) {
				const py = y.getPixelForValue(m.value);
				if (py < top - 1 || py > bottom + 1) continue;
				if (taken.some((t) => Math.abs(t - py) < tagHeight + 2)) continue;
				taken.push(py);
				const w = ctx.measureText(m.label).width + 2 * TAG_PAD_X;
				const x = right + 6;
				const c = colour(m);
				ctx.beginPath();
				ctx.roundRect(x, py - tagHeight / 2, w, tagHeight, 4);
				if (m.kind === 'reached') {
					ctx.fillStyle = c;
					ctx.fill();
					ctx.fillStyle = COLOURS.background;
				} else {
					ctx.strokeStyle = c;
					ctx.lineWidth = 1;
					ctx.stroke();
					ctx.fillStyle = c;
				}
				ctx.fillText(m.label, x + TAG_PAD_X, py + 0.5);
			}
			ctx.restore();
		},
	};
}

/** Renders the campaign's cumulative signer count with its milestone thresholds, as a PNG. */
export async function renderProgressChart(input: ChartInput): Promise<Buffer> {
	ensureSetup();
	const width = checkSide(input.width, CHART_SIZE.width, 'width');
	const height = checkSide(input.height, CHART_SIZE.height, 'height');
	const canvas = createCanvas(width, height);
	const ctx = canvas.getContext('2d');

	const data = buildSeries(input.points, input.total, width * 2);
	const total = data.at(-1)?.y ?? 0;
	const values = selectThresholds(input.thresholds, total, input.reached);
	const next = values.find((t) => t > total);
	const markers: Marker[] = values.map((value) => ({
		value,
		label: formatCount(value),
		kind: value === input.reached ? 'reached' : value === next ? 'next' : 'other',
	}));

	// Text scales with the picture so a larger render is not just a sparser one.
	const tickSize = Math.max(10, Math.round(Math.min(width, height * 2) / 66));
	const titleSize = fitTitle(ctx, input.title, width - 32, Math.max(14, Math.round(Math.min(width / 2, height) / 20)));
	ctx.font = `600 ${tickSize}px ${FONT_FAMILY}`;
	const gutter = Math.max(0, ...markers.map((m) => ctx.measureText(m.label).width)) + 2 * TAG_PAD_X + 14;

	const firstX = data[0]?.x ?? 0;
	const lastX = data.at(-1)?.x ?? firstX + DAY;
	// A little room right of the last point so its dot is not clipped by the plot edge.
	const xMax = lastX + (lastX - firstX) * 0.015;
	const step = pickStep(xMax - firstX, Math.max(2, Math.floor(width / 110)));
	const top = Math.max(total, ...values);

	const config: ChartConfiguration<'line', XY[]> = {
		type: 'line',
		data: {
			datasets: [
				{
					data,
					parsing: false,
					normalized: true,
					// Straight segments: points may be sparse snapshots, and steps would claim nothing happened in between.
					tension: 0,
					borderColor: COLOURS.line,
					borderWidth: Math.max(2, tickSize / 4),
					backgroundColor: COLOURS.fill,
					fill: 'origin',
					// Only the current total gets a dot.
					pointRadius: (c) => (c.dataIndex === data.length - 1 ? 4.5 : 0),
					pointBackgroundColor: COLOURS.line,
					pointBorderWidth: 0,
					clip: 8,
				},
			],
		},
		options: {
			animation: false,
			responsive: false,
			devicePixelRatio: 1,
			events: [],
			layout: { padding: { left: 8, right: gutter, top: 0, bottom: 6 } },
			plugins: {
				title: {
					display: true,
					text: input.title,
					align: 'start',
					color: COLOURS.title,
					font: { family: FONT_FAMILY, size: titleSize, weight: 600 },
					padding: { top: 12, bottom: 14 },
				},
			},
			scales: {
				x: {
					type: 'linear',
					min: firstX,
					max: xMax,
					grid: { color: COLOURS.grid },
					border: { color: COLOURS.grid },
					afterBuildTicks: (scale: Scale) => {
						scale.ticks = timeTicks(firstX, xMax, step).map((value) => ({ value }));
					},
					ticks: {
						color: COLOURS.muted,
						font: { family: FONT_FAMILY, size: tickSize },
						maxRotation: 0,
						autoSkipPadding: 16,
						callback: (value) => formatTime(Number(value), step),
					},
				},
				y: {
					type: 'linear',
					beginAtZero: true,
					suggestedMax: top > 0 ? top * 1.08 : 10,
					grid: { color: COLOURS.grid },
					border: { display: false },
					ticks: {
						color: COLOURS.muted,
						font: { family: FONT_FAMILY, size: tickSize },
						precision: 0,
						maxTicksLimit: 6,
						callback: (value) => formatCount(Number(value)),
					},
				},
			},
		},
		plugins: [markerPlugin(ctx, markers, tickSize)],
	};

	// BasicPlatform (no DOM) only needs getContext('2d'), which the Skia canvas provides.
	const chart = new Chart(canvas as unknown as ChartItem, config);
	try {
		return await canvas.encode('png');
	} finally {
		chart.destroy();
	}
}
