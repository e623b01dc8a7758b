import { createHash } from 'node:crypto';
import { defineFunction, type ScalarFunction } from './context.js';
import { textArg } from './text.js';
import { xxhash64 } from './xxhash64.js';

/**
 * Hashes and base64 ("hash_sha256()", "hash()", "base64_decode_tostring()" docs): hash_sha256,
 * hash_sha1, hash_md5 (lower-case hex of the UTF-8 bytes), hash(value [, mod]) (xxHash64 of the
 * UTF-8 text as a signed long, optionally modulo), base64 encode/decode to strings and arrays.
 * Decoding text that is not valid base64 or not valid UTF-8 → null.
 */

const digest = (algorithm: string) => (text: string): string => createHash(algorithm).update(text, 'utf8').digest('hex');

function decodeBase64(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(t)) return null;
  return Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export const encodingFunctions: ScalarFunction[] = [
  ...defineFunction('hash_sha256', (args, ctx) => digest('sha256')(textArg(args, 0, ctx))),
  ...defineFunction('hash_sha1', (args, ctx) => digest('sha1')(textArg(args, 0, ctx))),
  ...defineFunction('hash_md5', (args, ctx) => digest('md5')(textArg(args, 0, ctx))),
  ...defineFunction('hash', (args, ctx) => {
    const h = xxhash64(Buffer.from(textArg(args, 0, ctx), 'utf8'));
    const signed = BigInt.asIntN(64, h);
    const mod = args[1];
    if (typeof mod === 'number' && mod > 0) {
      const m = BigInt(Math.trunc(mod));
      return Number(((signed % m) + m) % m);
    }
    return Number(signed);
  }),
  ...defineFunction(['base64_encode_tostring', 'base64_encodestring'], (args, ctx) =>
    Buffer.from(textArg(args, 0, ctx), 'utf8').toString('base64'),
  ),
  ...defineFunction(['base64_decode_tostring', 'base64_decodestring'], (args, ctx) => {
    const bytes = decodeBase64(textArg(args, 0, ctx));
    if (!bytes) return null;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }),
  ...defineFunction('base64_decode_toarray', (args, ctx) => {
    const bytes = decodeBase64(textArg(args, 0, ctx));
    return bytes ? Array.from(bytes) : null;
  }),
  ...defineFunction('base64_encode_fromarray', ([a]) =>
    Array.isArray(a) ? Buffer.from(a.map((x) => (typeof x === 'number' ? x : 0))).toString('base64') : null,
  ),
];
