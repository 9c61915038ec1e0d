// `npm run bench`: runs every bench/*.bench.ts in turn and writes bench/RESULTS.md with the machine and date.
// `npm run bench -- NAME` runs the benches whose file name contains NAME and replaces only their sections of
// bench/RESULTS.md (each stamped with the machine, date and command), leaving the others as they were.
// Each bench module exports `run(): Promise<string>` returning a Markdown section (a heading and a table).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const RESULTS = join(__dirname, 'RESULTS.md');

/** `results` with the section that starts with `section`'s heading replaced (or appended when absent). */
export function replaceSection(results: string, section: string): string {
  const heading = section.split('\n')[0];
  const lines = results.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return `${results.trimEnd()}\n\n${section}`;
  // The section runs to the next heading of its level or above, or to a comment that introduces one.
  const level = heading.match(/^#+/)![0].length;
  let end = start + 1;
  while (end < lines.length && !/^<!--/.test(lines[end]) && !(/^#+ /.test(lines[end]) && lines[end].match(/^#+/)![0].length <= level)) end++;
  return [...lines.slice(0, start), ...section.trimEnd().split('\n'), '', ...lines.slice(end)].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || f.includes(only))
    .sort();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const sections: string[] = [];
  for (const file of files) {
    console.error(`bench: ${file}`);
    const mod = (await import(join(__dirname, file))) as { run: () => Promise<string> };
    const section = await mod.run();
    console.log(section);
    sections.push(section);
  }
  const header = `# Benchmark results\n\nMachine: ${machine}\nDate: ${new Date().toISOString()}\nCommand: \`npm run bench${only ? ' ' + only : ''}\`\n`;
  if (!only) return writeFileSync(RESULTS, [header, ...sections].join('\n'));
  const stamp = `Run of ${new Date().toISOString()}, \`npm run bench -- ${only}\`, on ${machine}.`;
  let results = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : header;
  for (const section of sections) {
    const [heading, ...rest] = section.split('\n');
    results = replaceSection(results, [heading, '', stamp, ...rest].join('\n'));
  }
  writeFileSync(RESULTS, results);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
