import { startSandbox } from '../sandbox';
import { runContender } from './lib/child';
(async () => {
  const sb = await startSandbox({ testControls: true, rateLimit: { enabled: false } });
  let t = Date.now(); sb.seed(10000, 2); console.log('seed10k ms', Date.now() - t);
  t = Date.now(); sb.seed(100000, 1); console.log('seed100k ms', Date.now() - t);
  for (const [n, key] of [[10000, sb.keys.otherTenant], [100000, sb.keys.full]] as const)
  for (const kind of ['list-raw', 'list-ours'] as const) {
    const r = await runContender({ kind, baseUrl: sb.baseUrl, controlUrl: sb.url, apiKey: key, expected: n });
    console.log(n, kind, JSON.stringify(r), 'requests', sb.requestLog().length);
  }
  await sb.close();
})();
