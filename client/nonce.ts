/** A fresh nonce for a webview's content security policy; Web Crypto, which both extension hosts have. */
export function nonce(): string {
    return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
