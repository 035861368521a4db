/**
 * MD4 (RFC 1320) for the test NTLM server: NTLM's NT hash is MD4 of the UTF-16LE password, and
 * OpenSSL 3 (Node 20) no longer offers MD4. Test-only; never used by the runtime.
 */
const S = [
  [3, 7, 11, 19],
  [3, 5, 9, 13],
  [3, 9, 11, 15],
] as const;
const ROUND2_ORDER = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const ROUND3_ORDER = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;

function padded(input: Buffer): Buffer {
  const bitLength = input.length * 8;
  const total = Math.ceil((input.length + 9) / 64) * 64;
  const out = Buffer.alloc(total);
  input.copy(out);
  out[input.length] = 0x80;
  out.writeUInt32LE(bitLength >>> 0, total - 8);
  out.writeUInt32LE(Math.floor(bitLength / 2 ** 32), total - 4);
  return out;
}

export function md4(input: Buffer): Buffer {
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const m = padded(input);
  for (let off = 0; off < m.length; off += 64) {
    const x = Array.from({ length: 16 }, (_, i) => m.readUInt32LE(off + i * 4));
    let [a, b, c, d] = h as [number, number, number, number];
    const f = (p: number, q: number, r: number): number => (p & q) | (~p & r);
    const g = (p: number, q: number, r: number): number => (p & q) | (p & r) | (q & r);
    const k = (p: number, q: number, r: number): number => p ^ q ^ r;
    for (let i = 0; i < 48; i++) {
      const round = Math.floor(i / 16);
      const j = i % 16;
      const idx = round === 0 ? j : round === 1 ? ROUND2_ORDER[j]! : ROUND3_ORDER[j]!;
      const fn = round === 0 ? f(b, c, d) : round === 1 ? g(b, c, d) : k(b, c, d);
      const add = round === 0 ? 0 : round === 1 ? 0x5a827999 : 0x6ed9eba1;
      const t = rotl((a + fn + x[idx]! + add) >>> 0, S[round]![j % 4]!);
      [a, b, c, d] = [d, t, b, c];
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
  }
  const out = Buffer.alloc(16);
  h.forEach((v, i) => out.writeUInt32LE(v, i * 4));
  return out;
}
