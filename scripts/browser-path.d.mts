/** See browser-path.mjs: `node:path`'s POSIX arithmetic, for the browser bundles. */
export declare const sep: '/';
export declare const delimiter: ':';
export declare function isAbsolute(p: string): boolean;
export declare function normalize(p: string): string;
export declare function join(...parts: string[]): string;
export declare function resolve(...parts: string[]): string;
export declare function dirname(p: string): string;
export declare function basename(p: string, ext?: string): string;
export declare function extname(p: string): string;
export declare function relative(from: string, to: string): string;
export declare const posix: typeof import('node:path').posix;
declare const _default: typeof posix;
export default _default;
