// The one chart of the campaign: cumulative signatures over real time, ending now, with milestone thresholds
// marked. Milestone posts and /campaign stats both draw it. Offline: Skia canvas, Chart.js, a font from npm.

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
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
	type ScriptableScaleContext,
	TimeScale,
	Title,
} from 'chart.js';
import 'chartjs-adapter-date-fns';
import {
	addHours,
	addMinutes,
	addMonths,
	format,
	type Locale,
	startOfDay,
	startOfHour,
	startOfISOWeek,
	startOfYear,
} from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { es } from 'date-fns/locale/es';

export type ChartLanguage = 'en' | 'es';

export interface SignatureChartLabels {
	/** Already localised by the caller, e.g. '#NoMusicForIce — 250 signers'. */
	title: string;
	/** Title of the count axis. */
	yAxis: string;
	/** A threshold's tag, given the number formatted for the language. */
	threshold: (formatted: string) => string;
}

export interface ChartPoint {
	at: Date;
	/** Cumulative count at `at`. */
	total: number;
}

export interface SignatureChartInput {
	/** Cumulative counts (see signatureSeries); points after `now` are dropped, the line always ends at `now`. */
	points: readonly ChartPoint[];
	now: Date;
	thresholds: readonly number[];
	/** The threshold a milestone post celebrates: highlighted. */
	reached?: number | undefined;
	language: ChartLanguage;
	labels: SignatureChartLabels;
	width?: number;
	height?: number;
}

export const CHART_SIZE = { width: 800, height: 400 } as const;

interface LanguageStyle {
	numbers: Intl.NumberFormat;
	dates: Locale;
	/** date-fns patterns per time unit: what each language writes on a date axis. */
	formats: Record<'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year', string>;
}

const LANGUAGES: Record<ChartLanguage, LanguageStyle> = {
	en: {
		numbers: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
		dates: enUS,
		formats: {
			minute: 'h:mm a',
			hour: 'h a',
			day: 'MMM d',
			week: 'MMM d',
			month: 'MMM yyyy',
			quarter: 'MMM yyyy',
			year: 'yyyy',
		},
	},
	es: {
		// es-ES groups from five digits (2500, 10.000), as Spanish style books ask.
		numbers: new Intl.NumberFormat('es-ES', { maximumFractionDigits: 0 }),
		dates: es,
		formats: {
			minute: 'H:mm',
			hour: 'H:mm',
			day: 'd MMM',
			week: 'd MMM',
			month: 'MMM yyyy',
			quarter: 'MMM yyyy',
			year: 'yyyy',
		},
	},
};

const FONT = 'Inter';
// Fallback only matters if the woff2 files are missing; glyphs outside Inter's subsets render as tofu either way.
const FONT_FAMILY = `${FONT}, sans-serif`;
const MAX_MARKERS = 5;
const MIN_SIDE = 100;
const MAX_SIDE = 4000;
const HOUR = 3_600_000;

const COLOURS = {
	background: '#1e1f22',
	title: '#f2f3f5',
	text: '#dbdee1',
	muted: '#949ba4',
	grid: 'rgba(255, 255, 255, 0.07)',
	line: '#e63946',
	fill: 'rgba(230, 57, 70, 0.14)',
	reached: '#f0b232',
	next: '#b5bac1',
	other: '#6d6f78',
} as const;

let setupDone = false;

/** Fonts and Chart.js components are process-global, so register them once, on first render. */
function ensureSetup(): void {
	if (setupDone) return;
	setupDone = true;
	Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Title, Filler);
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
export function selectThresholds(thresholds: readonly number[], total: number, reached?: number): number[] {
	const sorted = [...new Set(thresholds.filter((t) => Number.isFinite(t) && t > 0))].sort((a, b) => a - b);
	const next = sorted.find((t) => t > total);
	const cap = next ?? total;
	const picked = sorted.filter((t) => t <= cap).slice(-MAX_MARKERS);
	if (reached !== undefined && Number.isFinite(reached) && reached > 0 && !picked.includes(reached)) {
		if (picked.length >= MAX_MARKERS) picked.splice(picked[0] === next ? 1 : 0, 1);
		picked.push(reached);
	}
	return picked.sort((a, b) => a - b);
}

interface XY {
	x: number;
	y: number;
}

/** The plotted line: sorted, nothing after now, ending exactly at now, at least an hour wide. */
function chartSeries(points: readonly ChartPoint[], now: number, maxPoints: number): XY[] {
	const series = points
		.map((p) => ({ x: p.at.getTime(), y: p.total }))
		.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && p.x <= now)
		.map((p) => ({ x: p.x, y: Math.max(0, p.y) }))
		.sort((a, b) => a.x - b.x);
	const last = series.at(-1) ?? { x: now, y: 0 };
	if (last.x < now || series.length === 0) series.push({ x: now, y: last.y });
	// A campaign younger than an hour (or one point) still needs an extent: flat at the first count before it.
	const first = series[0] ?? last;
	if (now - first.x < HOUR) series.unshift({ x: now - HOUR, y: first.y });
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
	// The last point is now: never merged away.
	if (out.at(-1) !== last) out.push(last);
	return out;
}

type TickUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Tick steps that read well, finest first (minute and hour steps divide the next unit, so days keep their midnight tick). */
const TICK_STEPS: readonly { unit: TickUnit; step: number; ms: number }[] = [
	...[1, 5, 10, 15, 30].map((step) => ({ unit: 'minute' as const, step, ms: step * 60_000 })),
	...[1, 2, 3, 6, 12].map((step) => ({ unit: 'hour' as const, step, ms: step * HOUR })),
	...[1, 2].map((step) => ({ unit: 'day' as const, step, ms: step * 24 * HOUR })),
	...[1, 2].map((step) => ({ unit: 'week' as const, step, ms: step * 7 * 24 * HOUR })),
	...[1, 2, 3, 6].map((step) => ({ unit: 'month' as const, step, ms: step * 30.44 * 24 * HOUR })),
	...[1, 2, 5, 10, 20, 50].map((step) => ({ unit: 'year' as const, step, ms: step * 365.25 * 24 * HOUR })),
];

/** The next coarser unit, whose boundaries Chart.js marks as major ticks. */
const MAJOR_OF: Record<TickUnit, TickUnit | undefined> = {
	minute: 'hour',
	hour: 'day',
	day: 'month',
	week: 'month',
	month: 'year',
	year: undefined,
};

// Times are the process's local time zone, as date-fns (and so the adapter) computes them: TZ=UTC gives UTC.

/** Start of the step containing `ms`, so that the adapter's ticks (start, start + step, …) fall on round values. */
function alignDown(ms: number, unit: TickUnit, step: number): number {
	const d = new Date(ms);
	switch (unit) {
		case 'minute':
			return +addMinutes(startOfHour(d), Math.floor(d.getMinutes() / step) * step);
		case 'hour':
			return +addHours(startOfDay(d), Math.floor(d.getHours() / step) * step);
		case 'day':
			return +startOfDay(d);
		case 'week':
			return +startOfISOWeek(d);
		case 'month':
			return +addMonths(startOfYear(d), Math.floor(d.getMonth() / step) * step);
		case 'year': {
			const year = Math.floor(d.getFullYear() / step) * step;
			return +addMonths(startOfYear(d), (year - d.getFullYear()) * 12);
		}
	}
}

interface TimeAxis {
	unit: TickUnit;
	step: number;
	/** Axis start: the first point, moved back to a round tick value. */
	min: number;
}

/**
 * The finest step whose labels fit the plot's width without overlapping. Chart.js and the date adapter then
 * place and format the ticks; autoSkip alone would thin them at uneven intervals (9:38, 9:45, 9:53).
 */
function planTimeAxis(
	ctx: SKRSContext2D,
	style: LanguageStyle,
	first: number,
	now: number,
	plotWidth: number,
	fontSize: number,
): TimeAxis {
	ctx.font = `600 ${fontSize}px ${FONT_FAMILY}`;
	// A wide sample date (two-digit day and hour, long month name) measured in the language's own formats.
	const sample = new Date(2026, 8, 28, 22, 55);
	const widest = (unit: TickUnit) => {
		const major = MAJOR_OF[unit];
		const formats = [style.formats[unit], ...(major ? [style.formats[major]] : [])];
		return Math.max(...formats.map((f) => ctx.measureText(format(sample, f, { locale: style.dates })).width));
	};
	for (const candidate of TICK_STEPS) {
		const min = alignDown(first, candidate.unit, candidate.step);
		const ticks = Math.floor((now - min) / candidate.ms) + 1;
		// Half a label of room at each end, and a gap between labels.
		if (ticks * (widest(candidate.unit) + 28) <= plotWidth) return { unit: candidate.unit, step: candidate.step, min };
	}
	const last = TICK_STEPS.at(-1) ?? { unit: 'year', step: 50 };
	return { unit: last.unit, step: last.step, min: alignDown(first, last.unit, last.step) };
}

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

/**
 * Background, threshold lines and their tags. The count only grows, so left of where the line crosses a
 * threshold the plot under that threshold is free: a tag sits at the left end, above its line, unless the
 * crossing is in the left half; then at the right end, where the line is already past it. A tag that would
 * overlap one of higher priority is skipped rather than stacked.
 */
function markerPlugin(
	ctx: SKRSContext2D,
	markers: readonly Marker[],
	data: readonly XY[],
	fontSize: number,
): Plugin<'line'> {
	const tagHeight = fontSize + 6;
	const colour = (m: Marker): string =>
		m.kind === 'reached' ? COLOURS.reached : m.kind === 'next' ? COLOURS.next : COLOURS.other;
	return {
		id: 'thresholdMarkers',
		// The canvas is transparent and Discord's dark theme would swallow the text.
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
		afterDatasetsDraw(chart) {
			const { left, right, top, bottom } = chart.chartArea;
			const x = chart.scales.x;
			const y = chart.scales.y;
			if (!x || !y) return;
			const lastY = y.getPixelForValue(data.at(-1)?.y ?? 0);
			const priority = { reached: 0, next: 1, other: 2 } as const;
			const ordered = [...markers].sort((a, b) => priority[a.kind] - priority[b.kind] || b.value - a.value);
			const taken: { side: 'left' | 'right'; centre: number }[] = [];
			ctx.save();
			ctx.font = `600 ${fontSize}px ${FONT_FAMILY}`;
			ctx.textBaseline = 'middle';
			ctx.textAlign = 'left';
			for (const m of ordered) {
				const line = y.getPixelForValue(m.value);
				if (line < top - 1 || line > bottom + 1) continue;
				const crossing = data.find((p) => p.y >= m.value);
				const side = crossing && x.getPixelForValue(crossing.x) < (left + right) / 2 ? 'right' : 'left';
				const above = line - tagHeight / 2 - 3;
				const below = line + tagHeight / 2 + 3;
				// Left: above the line. Right: above too unless the count's end is in the way; never out of the plot.
				let centre = side === 'right' && lastY > above - tagHeight / 2 - 4 ? below : above;
				if (centre - tagHeight / 2 < top) centre = below;
				if (centre + tagHeight / 2 > bottom) centre = above;
				if (taken.some((t) => t.side === side && Math.abs(t.centre - centre) < tagHeight + 2)) continue;
				taken.push({ side, centre });
				const w = ctx.measureText(m.label).width + 2 * TAG_PAD_X;
				const tagX = side === 'left' ? left + 8 : right - w - 14;
				const c = colour(m);
				ctx.beginPath();
				ctx.roundRect(tagX, centre - tagHeight / 2, w, tagHeight, 4);
				if (m.kind === 'reached') {
					ctx.fillStyle = c;
					ctx.fill();
					ctx.fillStyle = COLOURS.background;
				} else {
					ctx.fillStyle = COLOURS.background;
					ctx.fill();
					ctx.strokeStyle = c;
					ctx.lineWidth = 1;
					ctx.stroke();
					ctx.fillStyle = c;
				}
				ctx.fillText(m.label, tagX + TAG_PAD_X, centre + 0.5);
			}
			ctx.restore();
		},
	};
}

export interface BuiltSignatureChart {
	chart: Chart<'line', XY[]>;
	canvas: Canvas;
}

/**
 * The configured, drawn chart before encoding (tests read its scales and ticks). The caller destroys it;
 * `renderSignatureChart` is the one to use otherwise.
 */
export function buildSignatureChart(input: SignatureChartInput): BuiltSignatureChart {
	ensureSetup();
	const width = checkSide(input.width, CHART_SIZE.width, 'width');
	const height = checkSide(input.height, CHART_SIZE.height, 'height');
	const now = input.now.getTime();
	if (!Number.isFinite(now)) throw new RangeError('now must be a valid date');
	// An unknown language (untyped caller) draws in English rather than failing the post.
	const style = LANGUAGES[input.language] ?? LANGUAGES.en;
	const canvas = createCanvas(width, height);
	const ctx = canvas.getContext('2d');

	const data = chartSeries(input.points, now, width * 2);
	const total = data.at(-1)?.y ?? 0;
	const values = selectThresholds(input.thresholds, total, input.reached);
	const next = values.find((t) => t > total);
	const markers: Marker[] = values.map((value) => ({
		value,
		label: input.labels.threshold(style.numbers.format(value)),
		kind: value === input.reached ? 'reached' : value === next ? 'next' : 'other',
	}));

	// Text scales with the picture so a larger render is not just a sparser one.
	const tickSize = Math.max(10, Math.round(Math.min(width, height * 2) / 66));
	const titleSize = fitTitle(
		ctx,
		input.labels.title,
		width - 32,
		Math.max(14, Math.round(Math.min(width / 2, height) / 20)),
	);
	// Room up to the next threshold when it is near; a far one (10 when 1 has signed) would squash the line flat.
	const top = next !== undefined && next <= 2 * total ? next : total;
	// The y axis and paddings take roughly this much of the width; the plot gets the rest.
	const axis = planTimeAxis(ctx, style, data[0]?.x ?? now - HOUR, now, width - 110, tickSize);
	// Flat from the round start of the axis to the first count: nobody had signed yet (or the count was that).
	const firstPoint = data[0];
	if (firstPoint && firstPoint.x > axis.min) data.unshift({ x: axis.min, y: firstPoint.y });
	const tickFont = (c: ScriptableScaleContext) => ({
		family: FONT_FAMILY,
		size: tickSize,
		// Day (or month) boundaries among hour (or day) ticks stand out.
		weight: c.tick?.major ? 600 : 400,
	});

	const config: ChartConfiguration<'line', XY[]> = {
		type: 'line',
		data: {
			datasets: [
				{
					data,
					parsing: false,
					normalized: true,
					// Straight segments between cumulative counts: the points mark bucket ends.
					tension: 0,
					borderColor: COLOURS.line,
					borderWidth: Math.max(2, tickSize / 4),
					backgroundColor: COLOURS.fill,
					fill: 'origin',
					// Only the current total (now) gets a dot.
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
			// Right padding keeps the dot at now and the last tick label inside the picture.
			layout: { padding: { left: 8, right: 18, top: 0, bottom: 6 } },
			plugins: {
				title: {
					display: true,
					text: input.labels.title,
					align: 'start',
					color: COLOURS.title,
					font: { family: FONT_FAMILY, size: titleSize, weight: 600 },
					padding: { top: 12, bottom: 14 },
				},
			},
			scales: {
				x: {
					type: 'time',
					// The axis is the campaign's real time: from its first count to now, nothing after.
					min: axis.min,
					max: now,
					adapters: { date: { locale: style.dates } },
					time: { unit: axis.unit, isoWeekday: true, displayFormats: style.formats },
					grid: { color: COLOURS.grid },
					border: { color: COLOURS.grid },
					ticks: {
						source: 'auto',
						stepSize: axis.step,
						color: COLOURS.muted,
						font: tickFont,
						maxRotation: 0,
						autoSkipPadding: 24,
						major: { enabled: true },
					},
				},
				y: {
					type: 'linear',
					beginAtZero: true,
					suggestedMax: Math.max(5, top * 1.08),
					grid: { color: COLOURS.grid },
					border: { display: false },
					title: {
						display: true,
						text: input.labels.yAxis,
						color: COLOURS.muted,
						font: { family: FONT_FAMILY, size: tickSize, weight: 600 },
					},
					ticks: {
						color: COLOURS.muted,
						font: { family: FONT_FAMILY, size: tickSize },
						precision: 0,
						maxTicksLimit: 6,
						callback: (value) => style.numbers.format(Number(value)),
					},
				},
			},
		},
		plugins: [markerPlugin(ctx, markers, data, tickSize)],
	};

	// BasicPlatform (no DOM) only needs getContext('2d'), which the Skia canvas provides; with animation off
	// the constructor draws synchronously.
	const chart = new Chart(canvas as unknown as ChartItem, config);
	return { chart, canvas };
}

/** Renders the campaign's cumulative signatures, ending now, with its thresholds, as a PNG. */
export async function renderSignatureChart(input: SignatureChartInput): Promise<Buffer> {
	const { chart, canvas } = buildSignatureChart(input);
	try {
		return await canvas.encode('png');
	} finally {
		chart.destroy();
	}
}
