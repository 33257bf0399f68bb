/** Why the build stamped at `stampPath` is out of date, or undefined when it is current. */
export function buildStaleness(root: string, stampPath: string): Promise<string | undefined>;
/** Records `files` (relative to `root`) with their hashes at `stampPath`. */
export function writeBuildStamp(root: string, stampPath: string, files: Iterable<string>): Promise<void>;
