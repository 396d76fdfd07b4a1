import { readFileSync, readdirSync } from 'node:fs';

/**
 * Peak resident memory of the Chromium processes this bench started, read from /proc (Linux).
 * A page and its dedicated workers (the engine worker: sql.js and the import) live in one
 * renderer process, so the renderer's RSS is what «does the tab survive» depends on.
 */
export class ChromiumMemory {
  /** peak RSS of the largest renderer process, bytes */
  renderer = 0;
  /** peak RSS of all our Chromium processes together, bytes */
  total = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  start(everyMs = 200): void {
    this.stop();
    this.renderer = 0;
    this.total = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  sample(): void {
    let total = 0;
    let renderer = 0;
    for (const pid of descendants(process.pid)) {
      const cmdline = read(`/proc/${pid}/cmdline`);
      if (!/chrom/i.test(cmdline)) continue;
      const rss = rssBytes(pid);
      total += rss;
      if (cmdline.includes('--type=renderer')) renderer = Math.max(renderer, rss);
    }
    this.total = Math.max(this.total, total);
    this.renderer = Math.max(this.renderer, renderer);
  }
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`));
  return match ? Number(match[1]) * 1024 : 0;
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // /proc/<pid>/stat: pid (comm) state ppid …; comm may contain spaces and parentheses.
    const stat = read(`/proc/${entry}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isFinite(ppid)) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** /proc counts CPU time in clock ticks of 1/100 s (USER_HZ on Linux). */
const CLOCK_TICK_MS = 10;

/**
 * CPU time (user + system) of the Chromium renderer processes this bench started, in ms: the
 * work of the page and its workers, whatever else the shared machine is doing meanwhile.
 */
export function rendererCpuMs(): number {
  let ticks = 0;
  for (const pid of descendants(process.pid)) {
    if (!read(`/proc/${pid}/cmdline`).includes('--type=renderer')) continue;
    const stat = read(`/proc/${pid}/stat`);
    // fields after «(comm)»: state is 3rd, utime 14th, stime 15th (proc(5))
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * CLOCK_TICK_MS;
}
