import type { ChartTemplate, NoChart } from './chart-spec.ts';

const MARKS: Record<string, string> = {
  bar: 'столбцы',
  line: 'линии',
  area: 'области',
  point: 'точки',
  circle: 'кружки',
  square: 'квадраты',
  rule: 'линии-отметки',
  text: 'подписи',
  tick: 'штрихи',
  rect: 'прямоугольники (тепловая карта)',
  arc: 'сектора',
  boxplot: 'ящики с усами',
  errorbar: 'интервалы',
  errorband: 'полосы интервалов',
  trail: 'следы',
  geoshape: 'карта',
};

const CHANNELS: Record<string, string> = {
  x: 'по горизонтали',
  y: 'по вертикали',
  color: 'цвет',
  fill: 'заливка',
  stroke: 'обводка',
  size: 'размер',
  shape: 'форма',
  opacity: 'прозрачность',
  text: 'подпись',
  tooltip: 'подсказка',
  theta: 'угол',
  row: 'строки панелей',
  column: 'столбцы панелей',
  xOffset: 'смещение по горизонтали',
  yOffset: 'смещение по вертикали',
  detail: 'разбивка',
  order: 'порядок',
};

function markName(mark: unknown): string | null {
  const type = typeof mark === 'string' ? mark : mark && typeof mark === 'object' ? (mark as { type?: unknown }).type : null;
  return typeof type === 'string' ? (MARKS[type] ?? type) : null;
}

function fieldsOf(encoding: unknown): string[] {
  if (!encoding || typeof encoding !== 'object') return [];
  const parts: string[] = [];
  for (const [channel, definition] of Object.entries(encoding as Record<string, unknown>)) {
    const list = Array.isArray(definition) ? definition : [definition];
    const fields = list.map((d) => (d && typeof d === 'object' ? (d as { field?: unknown }).field : null)).filter((f): f is string => typeof f === 'string');
    if (fields.length) parts.push(`${CHANNELS[channel] ?? channel} — ${fields.join(', ')}`);
  }
  return parts;
}

/**
 * A chart in words, for the confirmation of a shared indicator: «Диаграмма: столбцы;
 * по горизонтали — pct_2; по вертикали — name». Layers are listed in order.
 */
export function describeChart(spec: ChartTemplate | NoChart): string {
  const views: object[] = 'layer' in spec && Array.isArray(spec.layer) ? spec.layer : [spec];
  const shared = 'encoding' in spec ? spec.encoding : undefined;
  const parts = views
    .map((view) => {
      const mark = markName('mark' in view ? view.mark : null);
      const fields = fieldsOf('encoding' in view ? view.encoding : shared);
      return mark ? [mark, ...fields].join('; ') : fields.join('; ');
    })
    .filter(Boolean);
  return parts.length ? `Диаграмма: ${parts.join(' | ')}.` : 'Без диаграммы.';
}
