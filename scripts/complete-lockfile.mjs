#!/usr/bin/env node
// npm records in package-lock.json only the platform binaries it could install here (npm/cli#4828,
// and a registry that serves some packages for Linux only), yet `npm ci` refuses a lockfile that
// lacks any optional dependency a package lists. This adds the missing entries, marked optional and
// tied to their platform, so npm ci accepts the lockfile and skips them on other machines.
// Run after `npm install` changes the lockfile: node scripts/complete-lockfile.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));

/** os, cpu and libc from a binary package's name: "…-linux-arm64-musl", "…-win32-x64-msvc". */
function platformOf(name) {
  const tail = name.split('/').pop();
  const os = [
    'android',
    'darwin',
    'freebsd',
    'linux',
    'win32',
    'openharmony',
    'sunos',
    'aix',
    'netbsd',
    'openbsd',
  ].find((o) => tail.includes(`-${o}-`));
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'universal'].find((c) =>
    new RegExp(`-${c}(-|$)`).test(tail),
  );
  const libc = /-musl$/.test(tail) ? ['musl'] : /-gnu(eabihf)?$/.test(tail) ? ['glibc'] : undefined;
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu === 'universal' ? 'x64' : cpu] : undefined, libc };
}

function registryEntry(name, version) {
  try {
    const out = execFileSync(
      'npm',
      ['view', `${name}@${version}`, '--json', 'version', 'dist.integrity', 'os', 'cpu', 'libc', 'license', 'engines'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const info = JSON.parse(out);
    return {
      version: info.version,
      integrity: info['dist.integrity'],
      os: info.os,
      cpu: info.cpu,
      libc: info.libc,
      license: info.license,
      engines: info.engines,
    };
  } catch {
    return null;
  }
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const parentDir = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    const key = lock.packages[parentDir] ? parentDir : `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const found = registryEntry(name, version) ?? { version, ...platformOf(name) };
    const record = { version: found.version };
    if (found.integrity) record.integrity = found.integrity;
    for (const field of ['cpu', 'engines', 'libc', 'license']) if (found[field]) record[field] = found[field];
    if (entry.dev) record.dev = true;
    record.optional = true;
    if (found.os) record.os = found.os;
    lock.packages[key] = record;
    added++;
    console.log(`added ${key}@${record.version}${found.integrity ? '' : ' (not in this registry)'}`);
  }
}
const sorted = Object.entries(lock.packages).sort(([a], [b]) =>
  a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
);
lock.packages = Object.fromEntries(sorted);
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + '\n');
console.log(`${added} optional platform packages added`);
