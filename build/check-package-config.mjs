// `npm run package:check`: validates the packaging setup without an Electron binary.
// 1. electron-builder.yml against electron-builder's own schema (app-builder-lib validateConfiguration).
// 2. Icons and entitlements exist; the mac Info.plist has the microphone usage string and the
//    entitlements grant audio input.
// 3. Every native .node file of a production dependency is covered by asarUnpack.
// 4. The build output the config packages exists (run `npm run build` first).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util');
const { minimatch } = require('minimatch');

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
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
const entitlements = config.mac?.entitlements && join(root, config.mac.entitlements);
check(
  entitlements && existsSync(entitlements),
  `mac.entitlements ${config.mac?.entitlements} is missing.`,
);
if (entitlements && existsSync(entitlements)) {
  check(
    /<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/.test(
      readFileSync(entitlements, 'utf8'),
    ),
    'The mac entitlements do not grant com.apple.security.device.audio-input.',
  );
}
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

for (const built of [
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
  `Checked electron-builder.yml: ${nativeFiles.length} native module file(s) in production dependencies, ${unpack.length} asarUnpack pattern(s).`,
);
if (problems.length > 0) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'));
  process.exit(1);
}
console.log(
  '✓ Packaging config is valid (installers themselves need the Electron binary: npm run package).',
);
