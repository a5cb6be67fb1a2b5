// The one signature chart of the campaign, as milestone posts and /campaign stats draw it: the chart stack
// (@napi-rs/canvas, chart.js, date-fns: ~25 MB resident, ~250 ms to load) is imported on first use, not at start.
import type { Catalogue, Language } from '../i18n/index.js';
import type { ChartPoint, SignatureChartInput, SignatureChartLabels } from './signatures.js';

/** The chart's title and labels in the post's language. */
export function chartLabels(t: Catalogue, total: number): SignatureChartLabels {
	return { title: t.milestone.chartTitle(total), yAxis: t.milestone.chartYAxis, threshold: t.milestone.chartThreshold };
}

export interface CampaignChart {
	points: readonly ChartPoint[];
	now: Date;
	thresholds: readonly number[];
	reached?: number;
	total: number;
	language: Language;
	t: Catalogue;
}

/** Renders the chart to PNG. */
export async function renderCampaignChart(chart: CampaignChart): Promise<Buffer> {
	const { renderSignatureChart } = await import('./signatures.js');
	const input: SignatureChartInput = {
		points: chart.points,
		now: chart.now,
		thresholds: chart.thresholds,
		reached: chart.reached,
		language: chart.language,
		labels: chartLabels(chart.t, chart.total),
	};
	return renderSignatureChart(input);
}
