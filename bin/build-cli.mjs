// Builds the `pos` tool and `npm start` (main/cli/entry.ts) into ONE JavaScript
// file, out/cli/pos.mjs, with esbuild: packages stay external (node_modules),
// so nothing compiles TypeScript when the till starts and no build tool is
// needed at run time (issue 14, point 8). Stamped with its inputs' hashes
// (main/build-stamp.mjs) so bin/load-cli.mjs rebuilds it when a source changed.
import { readFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { writeBuildStamp } from '../main/build-stamp.mjs';
import { CLI_BUNDLE, CLI_STAMP, RENDER_WORKER_BUNDLE } from './load-cli.mjs';

/**
 * Each source's `import.meta.url` becomes its own file's URL, relative to the
 * bundle, so `new URL('../../assets/…', import.meta.url)` still finds the
 * fonts and `createRequire(import.meta.url)` still resolves from the source's
 * place, as they do when run from source.
 */
function ownImportMetaUrl(bundleDir) {
  return {
    name: 'own-import-meta-url',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const own = `new URL(${JSON.stringify(relative(bundleDir, args.path))}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', own), loader: 'ts' };
      });
    },
  };
}

/** Bundles one entry into `outfile` (replaced whole, never half-written); returns the sources it read. */
async function bundle(root, entry, outfile) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [ownImportMetaUrl(dirname(outfile))],
  });
  await mkdir(dirname(outfile), { recursive: true });
  const temporary = `${outfile}.${process.pid}.tmp`;
  await writeFile(temporary, result.outputFiles[0].contents);
  await rename(temporary, outfile);
  return Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'));
}

/**
 * Builds out/cli/pos.mjs, and beside it the ESC/POS render worker
 * (render-worker.mjs: a worker thread loads a file, so it is its own bundle),
 * under `root`, and stamps both.
 */
export async function buildCli(root) {
  const inputs = await bundle(root, 'main/cli/entry.ts', join(root, CLI_BUNDLE));
  const worker = await bundle(root, 'native/printer/decoder/render-worker.ts', join(root, RENDER_WORKER_BUNDLE));
  await writeBuildStamp(root, join(root, CLI_STAMP), [...new Set([...inputs, ...worker]), 'package-lock.json']);
}
