// SHA-256 of a short text, in plain JavaScript: the proof-of-work tries tens of thousands of
// numbers, and one synchronous hash here (about a microsecond) is far quicker than awaiting
// crypto.subtle for each (which also needs a secure context). Checked against Python's
// hashlib by tests/reporting/test_proof_of_work_script.py.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const encoder = new TextEncoder();
const w = new Uint32Array(64);
let words = new Uint32Array(64);

// The eight 32-bit words of SHA-256(text), into `out`. Texts of ASCII (a challenge's salt and
// a number) are read without an encoder or any allocation: the solver calls this in a loop.
function digestInto(text, out) {
  let length = text.length;
  let bytes = null;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(i) > 127) {
      bytes = encoder.encode(text);
      length = bytes.length;
      break;
    }
  }
  const blocks = (length + 9 + 63) >> 6;
  if (words.length < blocks * 16) words = new Uint32Array(blocks * 16);
  words.fill(0, 0, blocks * 16);
  for (let i = 0; i < length; i++) {
    words[i >> 2] |= (bytes ? bytes[i] : text.charCodeAt(i)) << (24 - (i & 3) * 8);
  }
  words[length >> 2] |= 0x80 << (24 - (length & 3) * 8);
  words[blocks * 16 - 1] = length * 8;
  out.set(INITIAL);
  for (let block = 0; block < blocks; block++) {
    for (let t = 0; t < 16; t++) w[t] = words[block * 16 + t];
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = out[0], b = out[1], c = out[2], d = out[3];
    let e = out[4], f = out[5], g = out[6], k = out[7];
    for (let t = 0; t < 64; t++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + s1 + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    out[0] += a; out[1] += b; out[2] += c; out[3] += d;
    out[4] += e; out[5] += f; out[6] += g; out[7] += k;
  }
}

export function sha256Hex(text) {
  const out = new Uint32Array(8);
  digestInto(text, out);
  return Array.from(out, (value) => value.toString(16).padStart(8, "0")).join("");
}

// The number n in [from, to) whose SHA-256(salt + n), in hex, is the challenge, or null.
export function solveRange(salt, challenge, from, to) {
  const wanted = new Uint32Array(8);
  for (let i = 0; i < 8; i++) wanted[i] = parseInt(challenge.slice(i * 8, i * 8 + 8), 16);
  const out = new Uint32Array(8);
  for (let n = from; n < to; n++) {
    digestInto(salt + n, out);
    if (out[0] === wanted[0] && out.every((value, i) => value === wanted[i])) return n;
  }
  return null;
}
