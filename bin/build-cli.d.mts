/** Builds out/cli/pos.mjs under `root` and stamps it with its inputs' hashes. */
export function buildCli(root: string): Promise<void>;
