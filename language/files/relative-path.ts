/**
 * Whether `value` is a relative path: not absolute, no NUL, and no colon, which marks an address
 * elsewhere (`https://…`, `C:\…`, `host:path`, `acme/infra: aws/main.tf` in another repository).
 */
export function isRelativePath(value: string): boolean {
    return !value.includes(':') && !value.startsWith('/') && !value.startsWith('\\') && !value.includes('\0');
}
