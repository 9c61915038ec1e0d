#!/usr/bin/env node
// The registry this project installs from carries only the Linux builds of native
// packages, so `npm install` leaves the other platforms' optional binaries out of
// package-lock.json and `npm ci` then calls the lock "out of sync". This adds a
// platform-tagged placeholder for each missing optional binary; npm skips them on
// Linux without fetching anything. Run after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

/** "@swc/core-linux-arm-gnueabihf" → { os: linux, cpu: arm, libc: glibc } */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('eabi') || parts.includes('gnueabihf') ? 'arm' : undefined);
  if (!os || !cpu) return undefined;
  const tail = parts.slice(parts.indexOf(os) + 1).join('-');
  const libc = os === 'linux' ? (tail.includes('musl') ? 'musl' : 'glibc') : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (packages[key] || packages[`${path}/${key}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [platform.os],
      cpu: [platform.cpu],
      ...(platform.libc ? { libc: [platform.libc] } : {}),
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, 'en')));
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lock: added ${added} platform placeholders`);
