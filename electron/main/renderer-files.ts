/**
 * Serving the built renderer (out/renderer) safely, for the app:// protocol and the loopback
 * adapter: URL paths are decoded, normalised and must stay inside the folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The file for a URL path inside `rootDir`, or null when the path escapes it or is malformed. */
export function rendererFilePath(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(rootDir);
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const file = resolve(join(root, relative === '' || relative === '.' ? 'index.html' : relative));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

export interface RendererFile {
  body: Buffer;
  contentType: string;
}

/** Reads a renderer file, or null if there is none (a folder counts as none). */
export async function readRendererFile(
  rootDir: string,
  urlPath: string,
): Promise<RendererFile | null> {
  const file = rendererFilePath(rootDir, urlPath);
  if (file === null) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return { body: await readFile(file), contentType: contentTypeOf(file) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
