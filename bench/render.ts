// `npx tsx bench/render.ts [results dir]`: re-renders table.md and chart.svg from results.json
// (after a change to bench/lib/report.ts, without re-running the bench).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderChart, renderTable, type BenchResults } from './lib/report';

const dir = process.argv[2] ?? process.env.BENCH_RESULTS_DIR ?? join(__dirname, 'results');
const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults;
const table = renderTable(results);
writeFileSync(join(dir, 'table.md'), table + '\n');
writeFileSync(join(dir, 'chart.svg'), renderChart(results));
console.log(table);
