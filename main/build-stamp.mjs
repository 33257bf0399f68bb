// A build's record of what it was built from: each input file (relative to the
// checkout root) with its SHA-256. Content hashes, not times: a checkout,
// `git stash` or `npm ci` touches times without changing what a build is made
// from. Plain JavaScript, so `npm start` can check the CLI bundle before
// anything can compile TypeScript; main/browser/renderer-build.ts and bin/load-cli.mjs use it.
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const hashOf = (path) =>
  readFile(path).then(
    (bytes) => createHash('sha256').update(bytes).digest('hex'),
    () => undefined,
  );

/** The inputs a stamp file records, or undefined when it is missing or not a stamp. */
async function readStamp(stampPath) {
  try {
    const stamp = JSON.parse(await readFile(stampPath, 'utf8'));
    const inputs = stamp?.version === 1 ? stamp.inputs : undefined;
    if (!inputs || typeof inputs !== 'object') return undefined;
    const entries = Object.entries(inputs);
    return entries.every(([, hash]) => typeof hash === 'string') ? entries : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why the build stamped at `stampPath` is out of date ('no build yet', or the
 * first input that changed or vanished), or undefined when every input still
 * hashes as recorded.
 */
export async function buildStaleness(root, stampPath) {
  const inputs = await readStamp(stampPath);
  if (!inputs) return 'no build yet';
  const now = await Promise.all(inputs.map(([file]) => hashOf(join(root, file))));
  const changed = inputs.find(([, hash], i) => now[i] !== hash);
  return changed ? `${changed[0]} changed` : undefined;
}

/** Records `files` (relative to `root`; missing ones skipped) with their hashes at `stampPath`. */
export async function writeBuildStamp(root, stampPath, files) {
  const inputs = {};
  for (const file of [...new Set(files)].sort()) {
    const hash = await hashOf(join(root, file));
    if (hash) inputs[file] = hash;
  }
  const temporary = `${stampPath}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ version: 1, inputs }, null, 1)}\n`);
  await rename(temporary, stampPath);
}
