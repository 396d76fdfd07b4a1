import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTSIDE_NOTES } from './wording-scan.ts';

/**
 * The documentation stands on its own: comments, tests and docs point to the repository's docs/
 * (docs/methodology.md for the domain knowledge) by section title, never to the working notes
 * kept outside the repository, which a reader of the code cannot open. The names are put
 * together from parts, so this file needs no exception.
 */
const OUTSIDE: readonly string[] = [...OUTSIDE_NOTES, ['..', 'shared', ''].join('/')];

const REPO = new URL('../../', import.meta.url).pathname;
const ROOTS = ['src', 'scripts', 'tests', 'docs'];
const TEXT = new Set(['.ts', '.js', '.mjs', '.cjs', '.svelte', '.css', '.html', '.md', '.json', '.sql', '.txt']);

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return textFiles(path);
    return TEXT.has(extname(entry.name)) ? [path] : [];
  });
}

/** `path:line: name` for every mention of an outside note in `text`. */
function mentions(path: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => OUTSIDE.filter((name) => line.toLowerCase().includes(name)).map((name) => `${path}:${index + 1}: ${name}`));
}

describe('references stay inside the repository', () => {
  it('the check finds a mention wherever it stands and passes a reference to docs/', () => {
    const [domain, design, stack] = OUTSIDE_NOTES;
    expect(mentions('a.ts', `// see ${domain} §1.2\nconst x = 1; /* ${design.toUpperCase()} */`)).toEqual([`a.ts:1: ${domain}`, `a.ts:2: ${design}`]);
    expect(mentions('b.md', `measured (${stack}), files in ${OUTSIDE[3]}seeds`)).toEqual([`b.md:1: ${stack}`, `b.md:1: ${OUTSIDE[3]}`]);
    expect(mentions('c.ts', '// docs/methodology.md, «Формулы»; docs/formats.md, «Протоколы РЦОИ»')).toEqual([]);
  });

  it('no file under src/, scripts/, tests/, docs/ nor README.md names a note kept outside it', () => {
    const files = [...ROOTS.flatMap((root) => textFiles(join(REPO, root))), join(REPO, 'README.md')];
    expect(files.length).toBeGreaterThan(300);
    expect(files.flatMap((path) => mentions(relative(REPO, path), readFileSync(path, 'utf8')))).toEqual([]);
  });
});
