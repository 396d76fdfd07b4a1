import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FILE_COUNT } from '../../src/core/demo/index.ts';

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('every npm script works on a fresh clone', () => {
  it('each names a file of the repository or a tool that npm ci installs', () => {
    for (const [name, command] of Object.entries(scripts)) {
      for (const part of command.split('&&').map((p) => p.trim().split(/\s+/))) {
        const [tool, first] = part;
        if (tool === 'npm') {
          expect(scripts, `${name}: ${command}`).toHaveProperty(part[part.length - 1]);
        } else if (tool === 'node') {
          expect(existsSync(first), `${name}: ${first}`).toBe(true);
        } else {
          expect(existsSync(join('node_modules', '.bin', tool)), `${name}: ${tool}`).toBe(true);
        }
      }
    }
  });

  it('npm run demo-data writes the demo files into the folder named', () => {
    const folder = mkdtempSync(join(tmpdir(), 'oko-demo-data-'));
    try {
      execFileSync('npm', ['run', '--silent', 'demo-data', '--', folder], { stdio: 'pipe' });
      expect(readdirSync(folder)).toHaveLength(DEMO_FILE_COUNT);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
