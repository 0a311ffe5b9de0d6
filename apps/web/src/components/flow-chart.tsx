import { useEffect, useRef } from 'preact/hooks';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SankeyChart, type SankeySeriesOption } from 'echarts/charts';
import { AriaComponent, TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { categoryColour } from '../category-colours';
import { quantityText, type Flow } from '../flows';

use([SankeyChart, TooltipComponent, AriaComponent, CanvasRenderer]);

type Option = ComposeOption<SankeySeriesOption | TooltipComponentOption>;

/** Suppliers on the left, recipients on the right (a country may be both: two nodes), a link per category and stage. */
function optionOf(flows: Flow[]): Option {
  const suppliers = [...new Set(flows.map((f) => f.supplier))].sort();
  const recipients = [...new Set(flows.map((f) => f.recipient))].sort();
  return {
    aria: {
      enabled: true,
      label: {
        description: `Transfers by supplier and recipient: ${flows.map((f) => `${f.supplier} to ${f.recipient}, ${f.category}, ${f.stage}, ${f.claims} claims`).join('; ')}`,
      },
    },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const p = params as { dataType?: string; name: string; data: { flow?: Flow } };
        const f = p.data.flow;
        if (p.dataType !== 'edge' || !f) return p.name;
        return `${f.supplier} → ${f.recipient}<br>${f.category} · ${f.stage}<br>${f.claims} claim(s)${f.quantity.length ? ` · ${quantityText(f.quantity)}` : ''}`;
      },
    },
    series: [
      {
        type: 'sankey',
        left: 40,
        right: 60,
        nodeAlign: 'justify',
        layoutIterations: 0,
        emphasis: { focus: 'adjacency' },
        data: [...suppliers.map((c) => ({ name: `${c} ▸`, depth: 0 })), ...recipients.map((c) => ({ name: `▸ ${c}`, depth: 1 }))],
        links: flows.map((f) => ({
          source: `${f.supplier} ▸`,
          target: `▸ ${f.recipient}`,
          value: f.claims,
          flow: f,
          lineStyle: { color: categoryColour(f.category), opacity: 0.55 },
        })),
        label: { color: '#111' },
      },
    ],
  };
}

/** The flows as a Sankey diagram (Apache ECharts on a canvas; the table beside it carries the same figures as text). */
export function FlowChart({ flows }: { flows: Flow[] }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    chart.current = init(element.current!);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(optionOf(flows), { notMerge: true });
  }, [flows]);
  const categories = [...new Set(flows.map((f) => f.category))].sort();
  return (
    <figure class="chart">
      <div
        ref={element}
        class="chart-canvas"
        role="img"
        aria-label={`Flows: ${flows.length} supplier-recipient-category-stage links`}
        data-testid="flow-chart"
      />
      <figcaption>
        {categories.map((c) => (
          <span class="legend" key={c} data-category={c}>
            <span class="swatch" style={{ background: categoryColour(c) }} /> {c}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
