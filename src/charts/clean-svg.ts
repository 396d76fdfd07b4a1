/**
 * SVG from Vega is generated markup with its text escaped; still, before it is put on the page or
 * into a file a reader opens, anything active goes: scripts, foreign objects, event handlers, and
 * links or url() references that are not to the same SVG.
 */
export function cleanSvgElement(svg: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.nodeName !== 'svg' || parsed.getElementsByTagName('parsererror').length) throw new Error('Диаграмма не получилась: неверный SVG.');
  for (const element of Array.from(root.querySelectorAll('script, foreignObject, image, use, a, iframe'))) element.remove();
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim();
      const reference = name === 'href' || name.endsWith(':href') || name === 'src';
      if (name.startsWith('on') || (reference && !value.startsWith('#')) || /url\(\s*['"]?(?!#)/i.test(value)) element.removeAttribute(attribute.name);
    }
  }
  return root as unknown as SVGSVGElement;
}

/** cleanSvgElement as markup again. */
export const cleanSvg = (svg: string): string => new XMLSerializer().serializeToString(cleanSvgElement(svg));
