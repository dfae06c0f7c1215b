// The registry mirror this project is built against serves only the Linux builds of
// rollup's native package, so `npm install` cannot record the other platforms' optional
// entries and `npm ci` then calls the lockfile out of sync. This adds each missing
// entry with its os/cpu, which npm skips on other platforms without fetching it.
// Run after `npm install` changes package-lock.json: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(FILE, 'utf8'));
const rollup = lock.packages['node_modules/rollup'];
const OS = {
  android: 'android',
  darwin: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  openbsd: 'openbsd',
  openharmony: 'openharmony',
  win32: 'win32',
};
const CPU = {
  arm: 'arm',
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};

let added = 0;
for (const [name, version] of Object.entries(rollup?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const [os, cpu, abi] = name.replace('@rollup/rollup-', '').split('-');
  if (!OS[os] || !CPU[cpu]) throw new Error(`cannot tell the platform of ${name}`);
  const entry = { version, cpu: [CPU[cpu]], dev: true, license: 'MIT', optional: true, os: [OS[os]] };
  if (abi === 'musl' || abi === 'gnu' || abi === 'gnueabihf' || abi === 'musleabihf') {
    if (os === 'linux') entry.libc = [abi.startsWith('musl') ? 'musl' : 'glibc'];
  }
  lock.packages[key] = entry;
  added++;
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(FILE, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform entries`);
