// `npm run bench`: runs every bench/*.bench.ts in turn and writes bench/RESULTS.md with the machine and date.
// Each bench module exports `run(): Promise<string>` returning a Markdown section (a heading and a table).
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

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
  if (!only) writeFileSync(join(__dirname, 'RESULTS.md'), [header, ...sections].join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
