/**
 * HMAC-SHA-256, synchronous. Web Crypto's HMAC is async only, and an importer's run() is
 * synchronous (it runs inside one SQLite savepoint), so person keys are computed here. The
 * result is the standard HMAC (RFC 2104): tests compare it with crypto.subtle.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK = 64;

const w = new Uint32Array(64);

/** One SHA-256 compression of the 64-byte block at `offset` into `state`. */
function compress(state: Uint32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let [a, b, c, d, e, f, g, h] = state;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Continues a hash whose first `done` bytes (a multiple of 64) are already in `start`; `padded` is scratch space. */
function finish(start: Uint32Array, done: number, message: Uint8Array, length: number, padded: Uint8Array, state: Uint32Array): void {
  state.set(start);
  const blocks = Math.ceil((length + 9) / BLOCK);
  const size = blocks * BLOCK;
  padded.fill(0, 0, size);
  padded.set(message.subarray(0, length));
  padded[length] = 0x80;
  const bits = (done + length) * 8;
  const high = Math.floor(bits / 2 ** 32);
  for (let i = 0; i < 4; i++) {
    padded[size - 8 + i] = (high >>> (24 - i * 8)) & 0xff;
    padded[size - 4 + i] = (bits >>> (24 - i * 8)) & 0xff;
  }
  for (let offset = 0; offset < size; offset += BLOCK) compress(state, padded, offset);
}

function digestBytes(state: Uint32Array, out: Uint8Array): void {
  for (let i = 0; i < 8; i++) {
    out[i * 4] = state[i] >>> 24;
    out[i * 4 + 1] = (state[i] >>> 16) & 0xff;
    out[i * 4 + 2] = (state[i] >>> 8) & 0xff;
    out[i * 4 + 3] = state[i] & 0xff;
  }
}

export function sha256(message: Uint8Array): Uint8Array {
  const state = new Uint32Array(8);
  finish(Uint32Array.from(INITIAL), 0, message, message.length, new Uint8Array(message.length + 2 * BLOCK), state);
  const out = new Uint8Array(32);
  digestBytes(state, out);
  return out;
}

const encoder = new TextEncoder();

/** HMAC-SHA-256 with one key: the key's inner and outer pad blocks are hashed once, buffers are reused. */
export function createHmac(key: Uint8Array): (text: string) => string {
  const block = new Uint8Array(BLOCK);
  block.set(key.length > BLOCK ? sha256(key) : key);
  const inner = Uint32Array.from(INITIAL);
  const outer = Uint32Array.from(INITIAL);
  compress(
    inner,
    block.map((b) => b ^ 0x36),
    0,
  );
  compress(
    outer,
    block.map((b) => b ^ 0x5c),
    0,
  );
  let input = new Uint8Array(256);
  let padded = new Uint8Array(256 + 2 * BLOCK);
  const state = new Uint32Array(8);
  const innerDigest = new Uint8Array(32);
  return (text) => {
    if (text.length * 3 > input.length) {
      input = new Uint8Array(text.length * 3);
      padded = new Uint8Array(input.length + 2 * BLOCK);
    }
    const { written } = encoder.encodeInto(text, input);
    finish(inner, BLOCK, input, written, padded, state);
    digestBytes(state, innerDigest);
    finish(outer, BLOCK, innerDigest, 32, padded, state);
    let hex = '';
    for (let i = 0; i < 8; i++) {
      const word = state[i];
      hex += HEX[word >>> 24] + HEX[(word >>> 16) & 0xff] + HEX[(word >>> 8) & 0xff] + HEX[word & 0xff];
    }
    return hex;
  };
}
