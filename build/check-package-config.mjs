// `npm run package:check`: validates the packaging setup without an Electron binary.
// 1. electron-builder.yml against electron-builder's own schema (app-builder-lib validateConfiguration).
// 2. Icons and entitlements exist; the mac Info.plist has the microphone usage string and the
//    entitlements grant audio input.
// 3. Every native .node file of a production dependency is covered by asarUnpack.
// 4. The build output the config packages exists (run `npm run build` first).
// 5. The Electron fuses are set (RunAsNode, NODE_OPTIONS and --inspect off; cookie encryption,
//    embedded asar integrity and load-only-from-asar on), the app is an asar, and the mac
//    entitlements grant exactly what Rehearse needs (audio input, JIT) and nothing more.
//
// Options (for tests): --config <file> checks another electron-builder config; --no-build-output
// skips check 4.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util');
const { minimatch } = require('minimatch');

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

const { values: args } = parseArgs({
  options: { config: { type: 'string' }, 'no-build-output': { type: 'boolean' } },
});
const configFile = resolve(root, args.config ?? 'electron-builder.yml');
const config = await getConfig(root, configFile, null);
try {
  await validateConfiguration(config, new DebugLogger(false));
} catch (error) {
  problems.push(`electron-builder.yml does not match electron-builder's schema: ${error.message}`);
}

for (const platform of ['linux', 'mac', 'win']) {
  const icon = config[platform]?.icon;
  check(icon && existsSync(join(root, icon)), `${platform}.icon ${icon} is missing.`);
}
const linuxTargets = [config.linux?.target]
  .flat()
  .map((t) => (typeof t === 'string' ? t : t?.target));
check(
  linuxTargets.includes('AppImage') && linuxTargets.includes('deb'),
  `linux targets should be AppImage and deb, not ${linuxTargets}.`,
);
check([config.mac?.target].flat().includes('dmg'), 'mac target should be dmg.');
check([config.win?.target].flat().includes('nsis'), 'win target should be nsis.');
check(
  /\S/.test(config.mac?.extendInfo?.NSMicrophoneUsageDescription ?? ''),
  'mac.extendInfo.NSMicrophoneUsageDescription is missing.',
);
const entitlements = config.mac?.entitlements && resolve(root, config.mac.entitlements);
check(
  entitlements && existsSync(entitlements),
  `mac.entitlements ${config.mac?.entitlements} is missing.`,
);
// What the app and its helper processes may do under the hardened runtime, and nothing more (see
// the comments in build/entitlements.mac.plist for why each is, or is not, needed).
const NEEDED_ENTITLEMENTS = [
  'com.apple.security.device.audio-input',
  'com.apple.security.cs.allow-jit',
];
for (const [field, file] of [
  ['mac.entitlements', config.mac?.entitlements],
  ['mac.entitlementsInherit', config.mac?.entitlementsInherit],
]) {
  const path = file && resolve(root, file);
  if (!path || !existsSync(path)) {
    check(false, `${field} ${file} is missing.`);
    continue;
  }
  const text = readFileSync(path, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const granted = [...text.matchAll(/<key>([^<]+)<\/key>\s*<true\s*\/>/g)].map((m) => m[1]);
  for (const key of NEEDED_ENTITLEMENTS)
    check(granted.includes(key), `${field} (${file}) does not grant ${key}.`);
  for (const key of granted.filter((k) => !NEEDED_ENTITLEMENTS.includes(k)))
    check(false, `${field} (${file}) grants ${key}, which Rehearse does not need.`);
}

const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};
for (const [fuse, value] of Object.entries(REQUIRED_FUSES)) {
  check(
    config.electronFuses?.[fuse] === value,
    `electronFuses.${fuse} should be ${value}, not ${config.electronFuses?.[fuse]}.`,
  );
}
check(config.asar !== false, 'asar must stay on: the onlyLoadAppFromAsar fuse needs an app.asar.');
check(
  (config.extraResources ?? []).some(
    (r) => typeof r === 'object' && r.from === 'models' && r.to === 'models',
  ),
  'models/ is not shipped as an extra resource (from: models, to: models).',
);

// Native modules of production dependencies must be unpacked from the asar.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const seen = new Set();
const nativeFiles = [];
function visitDependency(name, fromDir) {
  let dir = null;
  for (let d = fromDir; ; d = resolve(d, '..')) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) {
      dir = candidate;
      break;
    }
    if (d === resolve(d, '..')) break;
  }
  if (!dir || seen.has(dir)) return;
  seen.add(dir);
  findNodeFiles(dir);
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies }))
    visitDependency(dep, dir);
}
function findNodeFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) continue;
    if (info.isDirectory() && entry !== 'node_modules') findNodeFiles(path);
    else if (entry.endsWith('.node')) nativeFiles.push(relative(root, path));
  }
}
for (const dep of Object.keys(pkg.dependencies ?? {})) visitDependency(dep, root);
const unpack = [config.asarUnpack ?? []].flat();
for (const file of nativeFiles) {
  check(
    unpack.some((pattern) => minimatch(file, pattern, { dot: true })),
    `${file} is a native module but asarUnpack does not cover it.`,
  );
}
for (const name of ['onnxruntime-node', 'better-sqlite3', 'sharp']) {
  check(
    unpack.some((pattern) => pattern.includes(`node_modules/${name}/`)),
    `asarUnpack should list ${name}.`,
  );
}

for (const built of args['no-build-output']
  ? []
  : [
      'out/main/index.js',
      'out/main/engine.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
  check(existsSync(join(root, built)), `${built} is missing: run "npm run build" first.`);
}
check(
  pkg.main === 'out/main/index.js',
  `package.json "main" should be out/main/index.js, not ${pkg.main}.`,
);

console.log(
  `Checked ${relative(root, configFile)}: ${nativeFiles.length} native module file(s) in production dependencies, ${unpack.length} asarUnpack pattern(s).`,
);
if (problems.length > 0) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'));
  process.exit(1);
}
console.log(
  '✓ Packaging config is valid (installers themselves need the Electron binary: npm run package).',
);
