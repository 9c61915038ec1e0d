// `npx tsx bench/lib/profileSummary.ts FILE.cpuprofile [N]`: where the busy time of a CPU profile went, by
// part of the webhook path (the first matching frame from the leaf up decides) and by function (self time).
import { readFileSync } from 'node:fs';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PARTS: [string, RegExp][] = [
  ['SQLite (store modules, better-sqlite3)', /better-sqlite3|src\/store\//],
  ['matcher (tokenise, normalise, score, semantic layer)', /jieba|src\/matcher\/|src\/semantic\//],
  ['XML (fast-xml-parser, wechat-common/xml)', /fast-xml-parser|wechat-common\/xml/],
  ['logging (pino, redaction, pseudonyms)', /pino|sonic-boom|src\/log\.ts/],
  ['signature and digests (crypto)', /wechat-common\/crypto|src\/http\/replay|node:internal\/crypto/],
  ['language and script detection', /core\/language|core\/chineseScript|opencc/],
  ['pipeline and adapters', /src\/core\/|adapters\//],
  ['koa and router', /node_modules\/(koa|@koa|koa-compose|delegates|raw-body|statuses|http-errors|mime|content-type)/],
  ['ws', /node_modules\/ws\//],
];

const [file, top = '30'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function part(node: ProfileNode): string {
  const name = node.callFrame.functionName;
  if (name === '(idle)') return 'idle';
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === 'writev' || name === 'writeUtf8String' || name === 'writeLatin1String' || name === 'writeBuffer') return 'socket writes';
  for (let n: ProfileNode | undefined = node; n; n = nodes.get(parent.get(n.id) ?? -1)) {
    const hit = PARTS.find(([, re]) => re.test(n!.callFrame.url));
    if (hit) return hit[0];
  }
  return /node:|^$/.test(node.callFrame.url) ? 'Node (http, net, streams, timers)' : 'other';
}

const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byPart = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, t] of selfTime) {
  const node = nodes.get(id)!;
  total += t;
  const p = part(node);
  byPart.set(p, (byPart.get(p) ?? 0) + t);
  if (p === 'idle') continue;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|src|adapters)\//, '$1/')}:${f.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + t);
}
const busy = total - (byPart.get('idle') ?? 0);
const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)}%`;
console.log(`${(total / 1e6).toFixed(1)} s profiled, ${((100 * (total - busy)) / total).toFixed(0)}% idle; shares of the busy ${(busy / 1e6).toFixed(1)} s:`);
for (const [p, t] of [...byPart].filter(([p]) => p !== 'idle').sort((a, b) => b[1] - a[1])) console.log(`${pct(t)}  ${p}`);
console.log('\nfunctions by self time:');
for (const [k, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${pct(t)}  ${k}`);
