// bench:scale's figures: each printed as a line when known, errors against the figures a step did not reach, and the
// closing table with each figure's flatness (value at the largest size / value at the smallest).

export interface Figure {
  unit: string;
  values: Map<number, number>;
  /** Sizes whose value is only a lower bound (the measurement hit its time budget). */
  atLeast: Set<number>;
  errors: Map<number, string>;
}
export const figures = new Map<string, Figure>();

export function figure(name: string, unit: string): Figure {
  let f = figures.get(name);
  if (!f) figures.set(name, (f = { unit, values: new Map(), atLeast: new Set(), errors: new Map() }));
  return f;
}

export const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

export function report(name: string, size: number, value: number, unit: string, note = '', atLeast = false): void {
  const f = figure(name, unit);
  f.values.set(size, value);
  if (atLeast) f.atLeast.add(size);
  console.log(`${name}  ${size}  ${fmt(value)}  ${unit}${note ? `  (${note})` : ''}`);
}

export function reportError(name: string, size: number, unit: string, err: unknown): void {
  const message = errorText(err).split('\n')[0]!.slice(0, 300);
  figure(name, unit).errors.set(size, message);
  console.log(`${name}  ${size}  ERROR  ${message}`);
}

/** Runs one measurement; when it throws, prints the error against each of its figures not reported yet, and goes on. */
export async function step(size: number, names: [string, string][], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    for (const [name, unit] of names) if (!figure(name, unit).values.has(size)) reportError(name, size, unit, err);
  }
}

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const log = (line: string) => console.log(`  ${line}`);
export const errorText = (err: unknown) => {
  const e = err as Error & { cause?: Error; code?: string };
  return `${e.message ?? String(e)}${e.cause ? ` (${e.cause.message ?? e.cause})` : ''}`;
};

export function summary(sizes: number[]): void {
  const small = sizes[0]!;
  const large = sizes[sizes.length - 1]!;
  console.log(`\n## summary (flatness = value at ${large.toLocaleString('en')} / value at ${small.toLocaleString('en')}; 1.00 is flat — for mentions/s below 1 is slower, for ms/s/MB above 1 is slower)`);
  const head = ['figure', 'unit', ...sizes.map((s) => s.toLocaleString('en')), 'flatness'];
  const rows = [...figures].map(([name, f]) => {
    const cells = sizes.map((s) => (f.values.has(s) ? `${f.atLeast.has(s) ? '≥' : ''}${fmt(f.values.get(s)!)}` : f.errors.has(s) ? 'ERROR' : '-'));
    const a = f.values.get(small);
    const b = f.values.get(large);
    const bounded = f.atLeast.has(small) || f.atLeast.has(large) ? '?' : '';
    return [name, f.unit, ...cells, sizes.length > 1 && a !== undefined && b !== undefined && a !== 0 ? `${(b / a).toFixed(2)}×${bounded}` : '-'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  if ([...figures.values()].some((f) => f.atLeast.size)) console.log('  ≥: stopped at the time budget, a lower bound; ? after a flatness: computed from a lower bound');
  for (const [name, f] of figures) for (const [size, message] of f.errors) console.log(`  ${name} at ${size}: ${message}`);
}
