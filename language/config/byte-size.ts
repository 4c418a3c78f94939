/** The default of `isms.maxFileSize` / `--max-file-size`; see docs/cli.md for why. */
export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/**
 * A size as people write it: `8MB`, `512 KB`, `1.5MB`, or a number of bytes; units are
 * binary (1 KB = 1024 bytes). Undefined when it is not a size of at least one byte.
 */
export function parseByteSize(value: string | number): number | undefined {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(value));
    const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
    if (!match || unit === undefined) return undefined;
    const bytes = Math.floor(Number(match[1]) * unit);
    return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
