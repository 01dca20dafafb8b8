// A seeded random source for the site generator: xoshiro128** (Blackman and
// Vigna) seeded through splitmix32 from a 32-bit FNV-1a hash of a text, so
// that any string is a seed and the same string always gives the same
// sequence, on every platform and Node version (only 32-bit integer maths).

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state) {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  /** @param {string} seed any text; the same text gives the same sequence */
  constructor(seed) {
    const mix = splitmix32(fnv1a(seed));
    this.s = [mix(), mix(), mix(), mix()];
  }

  /** A float in [0, 1). */
  next() {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9);
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return (result >>> 0) / 4294967296;
  }

  /** A whole number from lo to hi, both included. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p) {
    return this.next() < p;
  }

  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }

  /** k different entries of list, in random order. */
  sample(list, k) {
    const pool = [...list];
    const out = [];
    while (out.length < k && pool.length > 0) {
      out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    }
    return out;
  }

  /** A key of `weights` ({value: weight}), drawn in proportion to its weight. */
  weighted(weights) {
    const entries = Object.entries(weights);
    let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
}

const rotl = (x, k) => (x << k) | (x >>> (32 - k));
