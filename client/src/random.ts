/**
 * Random names and nonces from the Web Crypto API, which both of VS Code's extension hosts have
 * (Node's `crypto` module is not there in the browser).
 */

/** `bytes` random bytes as base64url: a script nonce for a webview's content security policy. */
export function randomBase64url(bytes: number): string {
  let binary = '';
  for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(bytes))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes as hex: a temporary file's name no one can guess. */
export function randomHex(bytes: number): string {
  return [...globalThis.crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
