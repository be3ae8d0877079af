/**
 * The report's charts: vega-lite specifications compiled and rendered to SVG by vega on the
 * server (no script in the browser, no hand-drawn shapes). Both libraries are loaded on the first
 * chart only (dynamic import; scripts/build.js keeps them out of the server bundle), so that the
 * start time does not grow. The SVG uses presentation attributes only (no style attribute, no
 * script): it passes the CSP embedded in the page.
 */

type VegaLite = typeof import('vega-lite');
type Vega = typeof import('vega');

let libraries: Promise<{ vl: VegaLite; vega: Vega }> | undefined;
const load = () => (libraries ??= Promise.all([import('vega-lite'), import('vega')]).then(([vl, vega]) => ({ vl, vega })));

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface Bar {
  label: string;
  value: number;
  /** A part of the value (« dont pour la première fois »), drawn over its bar in a second colour. */
  part?: number;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * A horizontal bar chart, labels on the left, the values written at the end of each bar; with
 * `partLabel`, each bar's part drawn over it (not stacked: the part is within the whole).
 */
export async function barChart(input: { title: string; bars: readonly Bar[]; axis: string; valueLabel?: string; partLabel?: string; width?: number }): Promise<string> {
  const { vl, vega } = await load();
  const whole = input.valueLabel ?? input.axis;
  const parts = input.partLabel !== undefined;
  const rows = input.bars.flatMap((b, order) => [
    { label: b.label, order, series: whole, value: b.value },
    ...(parts ? [{ label: b.label, order, series: input.partLabel!, value: b.part ?? 0 }] : []),
  ]);
  const domain = parts ? [whole, input.partLabel!] : [whole];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: input.width ?? 520,
    height: { step: 26 },
    data: { values: rows },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: { field: 'order' }, title: null, axis: { labelLimit: 320, labelFontSize: 12 } },
      x: { field: 'value', type: 'quantitative', title: input.axis, stack: null, axis: { tickMinStep: 1, format: 'd', titleFontSize: 12 } },
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.8 } },
        encoding: {
          color: {
            field: 'series',
            type: 'nominal',
            scale: { domain, range: PALETTE },
            title: null,
            legend: parts ? { orient: 'bottom', labelFontSize: 12, labelLimit: 300 } : null,
          },
        },
      },
      {
        transform: [{ filter: { field: 'series', equal: whole } }],
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 11, color: '#1a1a1a' },
        encoding: { text: { field: 'value', type: 'quantitative' } },
      },
    ],
    config: { font: FONT, aria: false, view: { stroke: null }, axis: { labelColor: '#1a1a1a', titleColor: '#1a1a1a', domainColor: '#666', tickColor: '#666', gridColor: '#ddd' } },
  };
  const logger = vega.logger(vega.None);
  const compiled = vl.compile(spec as Parameters<VegaLite['compile']>[0], { logger: logger as Parameters<VegaLite['compile']>[1] extends infer O ? (O extends { logger?: infer L } ? L : never) : never });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logLevel: vega.None });
  const svg = await view.toSVG();
  view.finalize();
  return accessible(svg, input.title);
}

/** The chart as an image with its title (the figures are in the table beside it). */
function accessible(svg: string, title: string): string {
  const escaped = title.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  // vega's own ARIA attributes (groups, legends) are dropped: the chart is one image, titled.
  const plain = svg.replace(/ (role|aria-[a-z]+)="[^"]*"/g, '');
  return plain.replace(/^<svg /, `<svg role="img" aria-label="${escaped}" focusable="false" `).replace(/^(<svg[^>]*>)/, `$1<title>${escaped}</title>`);
}
