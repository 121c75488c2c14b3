(() => {
  // src/proto.js
  var utf8 = new TextEncoder();
  var Writer = class _Writer {
    constructor() {
      this.bytes = [];
    }
    varint(n) {
      let v = BigInt(n);
      do {
        let b = Number(v & 0x7fn);
        v >>= 7n;
        if (v > 0n) b |= 128;
        this.bytes.push(b);
      } while (v > 0n);
      return this;
    }
    tag(field, wire) {
      return this.varint(field << 3 | wire);
    }
    uint(field, n) {
      if (BigInt(n) !== 0n) this.tag(field, 0).varint(n);
      return this;
    }
    bytesField(field, b, always = false) {
      if (b.length === 0 && !always) return this;
      this.tag(field, 2).varint(b.length);
      for (const x of b) this.bytes.push(x);
      return this;
    }
    string(field, s) {
      return this.bytesField(field, utf8.encode(s ?? ""));
    }
    message(field, w) {
      return this.bytesField(field, w.finish(), true);
    }
    packed(field, values) {
      if (values.length === 0) return this;
      const inner = new _Writer();
      for (const v of values) inner.varint(v);
      return this.bytesField(field, inner.finish());
    }
    finish() {
      return Uint8Array.from(this.bytes);
    }
  };
  var none = new Uint8Array();
  function enrollment(e) {
    return new Writer().string(1, e.electionId).uint(2, e.rollIndex).bytesField(3, e.credentialKey).bytesField(4, e.rollSignature ?? none).bytesField(5, e.credentialSignature ?? none).bytesField(6, e.issuerSignature ?? none);
  }
  function participationRequest(r) {
    return new Writer().string(1, r.electionId).uint(2, r.rollIndex).uint(3, r.issuedAtUnix).bytesField(4, r.signature ?? none);
  }
  function ballot(b) {
    const plain = new Writer();
    for (const choices of b.votes) plain.message(1, new Writer().packed(1, choices));
    return new Writer().string(1, b.electionId).bytesField(2, b.credentialKey).message(3, plain).bytesField(5, b.clientNonce).bytesField(6, b.signature ?? none);
  }
  var request = {
    getElection: (id) => new Writer().string(1, id).finish(),
    enroll: (e) => new Writer().message(1, enrollment(e)).finish(),
    cast: (b) => new Writer().message(1, ballot(b)).finish(),
    participation: (r) => participationRequest(r).finish(),
    checkpoint: (id) => new Writer().string(1, id).finish()
  };
  function fields(buf) {
    const out = /* @__PURE__ */ new Map();
    let i = 0;
    const varint = () => {
      let v = 0n, shift = 0n;
      for (; ; ) {
        if (i >= buf.length) throw new Error("truncated message");
        const b = buf[i++];
        v |= BigInt(b & 127) << shift;
        if ((b & 128) === 0) return v;
        shift += 7n;
      }
    };
    while (i < buf.length) {
      const key = Number(varint());
      const field = key >> 3, wire = key & 7;
      let value;
      if (wire === 0) value = varint();
      else if (wire === 2) {
        const n = Number(varint());
        value = buf.subarray(i, i + n);
        i += n;
      } else if (wire === 1) {
        value = buf.subarray(i, i + 8);
        i += 8;
      } else if (wire === 5) {
        value = buf.subarray(i, i + 4);
        i += 4;
      } else throw new Error(`unsupported wire type ${wire}`);
      if (!out.has(field)) out.set(field, []);
      out.get(field).push(value);
    }
    return out;
  }
  var text = new TextDecoder();
  var str = (m, f) => m.get(f) ? text.decode(m.get(f)[0]) : "";
  var num = (m, f) => m.get(f) ? Number(m.get(f)[0]) : 0;
  var bytes = (m, f) => m.get(f)?.[0] ?? none;
  var sub = (m, f) => fields(bytes(m, f));
  function unpack(packed) {
    const out = [];
    let v = 0n, shift = 0n;
    for (const b of packed) {
      v |= BigInt(b & 127) << shift;
      if (b & 128) {
        shift += 7n;
        continue;
      }
      out.push(Number(v));
      v = 0n;
      shift = 0n;
    }
    return out;
  }
  var nums = (m, f) => (m.get(f) ?? []).flatMap((v) => typeof v === "bigint" ? [Number(v)] : unpack(v));
  var METHOD = { 1: "fptp", 2: "block", 3: "referendum", 4: "approval", 5: "stv" };
  var PHASE = { DEFINED: 1, ROLL_COMMITTED: 2, OPEN: 3, CLOSED: 4, DECLARED: 5 };
  function contest(c) {
    const m = fields(c);
    return {
      id: str(m, 1),
      title: str(m, 2),
      method: METHOD[num(m, 3)] ?? "unknown",
      seats: num(m, 4),
      candidates: (m.get(5) ?? []).map((x) => {
        const k = fields(x);
        return { id: str(k, 1), name: str(k, 2) };
      }),
      maxMarks: num(m, 6)
    };
  }
  function ballotStyle(b) {
    const m = fields(b);
    return { id: str(m, 1), contestIds: (m.get(2) ?? []).map((x) => text.decode(x)) };
  }
  function electionResponse(buf) {
    const r = fields(buf);
    const d = sub(r, 1);
    const revote = num(d, 5);
    return {
      id: str(d, 1),
      title: str(d, 2),
      contests: (d.get(3) ?? []).map(contest),
      revote: revote === 2 ? "last-counts" : "single",
      hasIssuer: bytes(d, 11).length > 0,
      styles: (d.get(14) ?? []).map(ballotStyle),
      disputeWindowSeconds: num(d, 16),
      phase: num(r, 2),
      logVkey: str(r, 3)
    };
  }
  function appendResponse(buf) {
    const r = fields(buf);
    return { index: num(r, 1), record: bytes(r, 2), receipt: str(r, 3) };
  }
  function participationResponse(buf) {
    const r = fields(buf);
    return {
      phase: num(r, 1),
      enrollment: r.has(2) ? appendResponse(bytes(r, 2)) : null,
      ballotIndexes: nums(r, 3),
      ballotTimesMs: nums(r, 4),
      disputeIndex: r.has(5) ? num(r, 5) : null,
      disputeWindowEndsMs: num(r, 6),
      styleId: str(r, 7)
    };
  }
  function enrollmentRecord(buf) {
    const r = fields(buf);
    if (!r.has(13)) return null;
    const e = sub(r, 13);
    return { height: num(r, 1), sequencedAtMs: num(r, 3), electionId: str(e, 1), rollIndex: num(e, 2), credentialKey: bytes(e, 3) };
  }

  // src/grpcweb.js
  var GrpcError = class extends Error {
    constructor(code, message, row = null) {
      super(message);
      this.code = code;
      this.row = row;
    }
  };
  async function unary(path, message, timeoutSeconds = 30) {
    const body = new Uint8Array(5 + message.length);
    new DataView(body.buffer).setUint32(1, message.length);
    body.set(message, 5);
    let response;
    try {
      response = await fetch(path, {
        method: "POST",
        headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1", "grpc-timeout": `${timeoutSeconds}S` },
        body
      });
    } catch (e) {
      throw new GrpcError(14, `the ballot server cannot be reached (${e.message})`);
    }
    const bytes2 = new Uint8Array(await response.arrayBuffer());
    let data = null, status2 = response.headers.get("grpc-status"), text2 = response.headers.get("grpc-message"), row = response.headers.get("voting-refusal");
    for (let i = 0; i + 5 <= bytes2.length; ) {
      const flag = bytes2[i], n = new DataView(bytes2.buffer, bytes2.byteOffset + i + 1, 4).getUint32(0);
      const frame = bytes2.subarray(i + 5, i + 5 + n);
      i += 5 + n;
      if (flag & 128) {
        for (const line of new TextDecoder().decode(frame).split("\r\n")) {
          const colon = line.indexOf(":");
          if (colon < 0) continue;
          const key = line.slice(0, colon).trim().toLowerCase(), value = line.slice(colon + 1).trim();
          if (key === "grpc-status") status2 = value;
          if (key === "grpc-message") text2 = value;
          if (key === "voting-refusal") row = value;
        }
      } else data = frame;
    }
    if (status2 === null) throw new GrpcError(13, `HTTP ${response.status} without a gRPC status`);
    if (status2 !== "0") throw new GrpcError(Number(status2), decodeURIComponent(text2 ?? ""), row);
    return data ?? new Uint8Array();
  }

  // node_modules/@noble/ed25519/index.js
  var freeze = Object.freeze;
  var P = 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffedn;
  var N = 0x1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3edn;
  var _d = 0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3n;
  var Gx = 0x216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51an;
  var Gy = 0x6666666666666666666666666666666666666666666666666666666666666658n;
  var _a = P - 1n;
  var ed25519_CURVE = freeze({
    p: P,
    n: N,
    h: 8n,
    a: _a,
    d: _d,
    Gx,
    Gy
  });
  var LEN = 32;
  var isBytes = (a) => {
    return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && a.BYTES_PER_ELEMENT === 1;
  };
  var abytes = (value, length, title = "") => {
    if (isBytes(value) && (length === void 0 || value.length === length))
      return value;
    const bytes2 = isBytes(value);
    const ofLen = length !== void 0 ? ` of length ${length}` : "";
    const got = bytes2 ? `length=${value.length}` : `type=${typeof value}`;
    const message = (title ? `"${title}" ` : "") + "expected Uint8Array" + ofLen + ", got " + got;
    if (!bytes2)
      throw new TypeError(message);
    throw new RangeError(message);
  };
  var snapshotBytes = (value, title = "", length) => Uint8Array.from(abytes(value, length, title));
  var padh = (n, pad) => n.toString(16).padStart(pad, "0");
  var bytesToHex = (bytes2) => {
    let hex = "";
    for (const byte of abytes(bytes2))
      hex += padh(byte, 2);
    return hex;
  };
  var hexToBytes = (hex) => {
    const e = "hex invalid";
    if (typeof hex !== "string")
      throw new TypeError(e);
    if (hex.length % 2 || !/^[\da-f]*$/i.test(hex))
      throw new RangeError(e);
    const array = new Uint8Array(hex.length / 2);
    for (let ai = 0, hi = 0; ai < array.length; ai++, hi += 2) {
      const n1 = hex.charCodeAt(hi);
      const n2 = hex.charCodeAt(hi + 1);
      array[ai] = ((n1 & 15) + (n1 >> 6) * 9) * 16 + (n2 & 15) + (n2 >> 6) * 9;
    }
    return array;
  };
  var concatBytes = (...arrays) => {
    let sum = 0;
    for (const a of arrays)
      sum += abytes(a).length;
    const res = new Uint8Array(sum);
    let pad = 0;
    for (const a of arrays) {
      res.set(a, pad);
      pad += a.length;
    }
    return res;
  };
  var arange = (n, min, max, msg = "bad number: out of range") => {
    if (typeof n !== "bigint")
      throw new TypeError(msg);
    if (min <= n && n < max)
      return n;
    throw new RangeError(msg);
  };
  var mod = (a, b = P) => (a %= b) >= 0n ? a : b + a;
  var P_MASK = (1n << 255n) - 1n;
  var modP = (num2) => {
    if (num2 < 0n)
      throw new RangeError("negative coordinate");
    let r = (num2 >> 255n) * 19n + (num2 & P_MASK);
    r = (r >> 255n) * 19n + (r & P_MASK);
    return r % P;
  };
  var modN = (a) => mod(a, N);
  var invert = (number, modulo) => {
    if (number === 0n)
      throw new Error("invert: expected non-zero number");
    if (modulo <= 1n)
      throw new Error("invert: expected modulus > 1, got " + modulo);
    let a = mod(number, modulo);
    let b = modulo;
    let x = 0n, u = 1n;
    while (a !== 0n) {
      const q = b / a;
      const r = b - a * q;
      const m = x - u * q;
      b = a, a = r, x = u, u = m;
    }
    const gcd = b;
    if (gcd !== 1n)
      throw new Error("invert: does not exist");
    return mod(x, modulo);
  };
  var _hash = (name) => {
    const fn = hashes[name];
    if (typeof fn !== "function")
      throw new Error("hashes." + name + " not set");
    return fn;
  };
  var callHashAsync = async (name, ...m) => abytes(await _hash(name)(concatBytes(...m)), 64, "digest");
  var apoint = (p) => {
    if (p instanceof Point)
      return p;
    throw new TypeError("Point expected");
  };
  var B256 = 2n ** 256n;
  var Point = class _Point {
    static BASE;
    static ZERO;
    X;
    Y;
    Z;
    T;
    // Constructor only bounds-checks and freezes XYZT coordinates; it does not prove the point is
    // on-curve or that T matches X*Y/Z.
    constructor(X, Y, Z, T) {
      const max = B256;
      this.X = arange(X, 0n, max);
      this.Y = arange(Y, 0n, max);
      this.Z = arange(Z, 1n, max);
      this.T = arange(T, 0n, max);
      freeze(this);
    }
    static CURVE() {
      return ed25519_CURVE;
    }
    static fromAffine(p) {
      return new _Point(p.x, p.y, 1n, modP(p.x * p.y));
    }
    /** RFC8032 5.1.3: Uint8Array to Point. */
    static fromBytes(bytes2, zip215 = false) {
      const normed = snapshotBytes(bytes2, "point", LEN);
      const lastByte = normed[31];
      normed[31] = lastByte & ~128;
      const y = bytesToNumberLE(normed);
      if (!zip215)
        arange(y, 0n, P);
      const y2 = modP(y * y);
      const u = mod(y2 - 1n);
      const v = modP(_d * y2 + 1n);
      let { isValid, value: x } = uvRatio(u, v);
      if (!isValid)
        throw new Error("bad point: y not sqrt");
      const isLastByteOdd = !!(lastByte & 128);
      if (!zip215 && x === 0n && isLastByteOdd)
        throw new Error("bad point: x==0, isLastByteOdd");
      if (isLastByteOdd !== !!(x & 1n))
        x = mod(-x);
      return new _Point(x, y, 1n, modP(x * y));
    }
    static fromHex(hex, zip215) {
      return _Point.fromBytes(hexToBytes(hex), zip215);
    }
    get x() {
      return this.toAffine().x;
    }
    get y() {
      return this.toAffine().y;
    }
    /** Checks if the point is valid and on-curve. */
    assertValidity() {
      const a = _a;
      const d = _d;
      const p = this;
      if (p.is0())
        throw new Error("bad point: ZERO");
      const { X, Y, Z, T } = p;
      const X2 = modP(X * X);
      const Y2 = modP(Y * Y);
      const Z2 = modP(Z * Z);
      const Z4 = modP(Z2 * Z2);
      const aX2 = modP(X2 * a);
      const left = modP(Z2 * (aX2 + Y2));
      const right = mod(Z4 + modP(d * modP(X2 * Y2)));
      if (left !== right)
        throw new Error("bad point: equation left != right (1)");
      const XY = modP(X * Y);
      const ZT = modP(Z * T);
      if (XY !== ZT)
        throw new Error("bad point: equation left != right (2)");
      return this;
    }
    /** Equality check: compare points P&Q. */
    equals(other) {
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = apoint(other);
      return modP(X1 * Z2) === modP(X2 * Z1) && modP(Y1 * Z2) === modP(Y2 * Z1);
    }
    is0() {
      return this.equals(I);
    }
    /** Flip point over y coordinate. */
    negate() {
      return new _Point(mod(-this.X), this.Y, this.Z, mod(-this.T));
    }
    /** Point doubling. Complete formula. Cost: `4M + 4S + 1*a + 6add + 1*2`. */
    double() {
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const a = _a;
      const A = modP(X1 * X1);
      const B = modP(Y1 * Y1);
      const C = modP(2n * Z1 * Z1);
      const D = modP(a * A);
      const x1y1 = mod(X1 + Y1);
      const E = mod(modP(x1y1 * x1y1) - A - B);
      const G2 = mod(D + B);
      const F = mod(G2 - C);
      const H = mod(D - B);
      const X3 = modP(E * F);
      const Y3 = modP(G2 * H);
      const T3 = modP(E * H);
      const Z3 = modP(F * G2);
      return new _Point(X3, Y3, Z3, T3);
    }
    /** Point addition. Complete formula. Cost: `9M + 1*a + 1*d + 7add`. */
    add(other) {
      const { X: X1, Y: Y1, Z: Z1, T: T1 } = this;
      const { X: X2, Y: Y2, Z: Z2, T: T2 } = apoint(other);
      const a = _a;
      const d = _d;
      const A = modP(X1 * X2);
      const B = modP(Y1 * Y2);
      const C = modP(modP(T1 * d) * T2);
      const D = modP(Z1 * Z2);
      const E = mod(modP(mod(X1 + Y1) * mod(X2 + Y2)) - A - B);
      const F = mod(D - C);
      const G2 = mod(D + C);
      const H = mod(B - modP(a * A));
      const X3 = modP(E * F);
      const Y3 = modP(G2 * H);
      const T3 = modP(E * H);
      const Z3 = modP(F * G2);
      return new _Point(X3, Y3, Z3, T3);
    }
    subtract(other) {
      return this.add(apoint(other).negate());
    }
    /**
     * Point-by-scalar multiplication. Safe mode requires `1 <= n < CURVE.n`.
     * Unsafe mode additionally permits `n = 0` and returns the identity point for that case.
     * Uses {@link wNAF} for base point.
     * Uses fake point to mitigate side-channel leakage.
     * @param n - scalar by which point is multiplied
     * @param safe - safe mode guards against timing attacks; unsafe mode is faster
     */
    multiply(n, safe = true) {
      if (!safe && n === 0n)
        return I;
      arange(n, 1n, N);
      if (!safe && this.is0())
        return I;
      if (n === 1n)
        return this;
      if (this.equals(G))
        return wNAF(n).p;
      let p = I;
      let f = G;
      let d = this;
      for (let i = 0; safe ? i < 256 : n > 0n; i++) {
        if (n & 1n)
          p = p.add(d);
        else if (safe)
          f = f.add(d);
        d = d.double();
        n >>= 1n;
      }
      return p;
    }
    multiplyUnsafe(scalar) {
      return this.multiply(scalar, false);
    }
    /** Convert point to 2d xy affine point. (X, Y, Z) ∋ (x=X/Z, y=Y/Z) */
    toAffine() {
      const { X, Y, Z } = this;
      if (this.equals(I))
        return { x: 0n, y: 1n };
      const iz = invert(Z, P);
      if (modP(Z * iz) !== 1n)
        throw new Error("invalid inverse");
      return { x: modP(X * iz), y: modP(Y * iz) };
    }
    toBytes() {
      const { x, y } = this.toAffine();
      const b = numTo32bLE(y);
      b[31] |= x & 1n ? 128 : 0;
      return b;
    }
    toHex() {
      return bytesToHex(this.toBytes());
    }
    clearCofactor() {
      return this.multiply(8n, false);
    }
    isSmallOrder() {
      return this.clearCofactor().is0();
    }
    isTorsionFree() {
      return this.multiply(N / 2n, false).double().add(this).is0();
    }
  };
  var G = new Point(Gx, Gy, 1n, mod(Gx * Gy));
  var I = new Point(0n, 1n, 1n, 0n);
  Point.BASE = G;
  Point.ZERO = I;
  var numTo32bLE = (num2) => hexToBytes(padh(arange(num2, 0n, B256), 64)).reverse();
  var bytesToNumberLE = (b) => BigInt("0x" + bytesToHex(Uint8Array.from(abytes(b)).reverse()));
  var pow2 = (x, power) => {
    let r = x;
    while (power-- > 0) {
      r = modP(r * r);
    }
    return r;
  };
  var pow_2_252_3 = (x) => {
    const x2 = modP(x * x);
    const b2 = modP(x2 * x);
    const b4 = modP(pow2(b2, 2) * b2);
    const b5 = modP(pow2(b4, 1) * x);
    const b10 = modP(pow2(b5, 5) * b5);
    const b20 = modP(pow2(b10, 10) * b10);
    const b40 = modP(pow2(b20, 20) * b20);
    const b80 = modP(pow2(b40, 40) * b40);
    const b160 = modP(pow2(b80, 80) * b80);
    const b240 = modP(pow2(b160, 80) * b80);
    const b250 = modP(pow2(b240, 10) * b10);
    return modP(pow2(b250, 2) * x);
  };
  var RM1 = 0x2b8324804fc1df0b2b4d00993dfbd7a72f431806ad2fe478c4ee1b274a0ea0b0n;
  var uvRatio = (u, v) => {
    const v3 = modP(v * modP(v * v));
    const v7 = modP(modP(v3 * v3) * v);
    const pow = pow_2_252_3(modP(u * v7));
    let x = modP(u * modP(v3 * pow));
    const vx2 = modP(v * modP(x * x));
    const root1 = x;
    const root2 = modP(x * RM1);
    const useRoot1 = vx2 === u;
    const useRoot2 = vx2 === mod(-u);
    const noRoot = vx2 === mod(-u * RM1);
    if (useRoot1)
      x = root1;
    if (useRoot2 || noRoot)
      x = root2;
    if ((mod(x) & 1n) === 1n)
      x = mod(-x);
    return { isValid: useRoot1 || useRoot2, value: x };
  };
  var modL_LE = (hash) => modN(bytesToNumberLE(hash));
  var hashedToExtK = (hashed) => {
    const copy = snapshotBytes(hashed);
    const head = copy.slice(0, 32);
    head[0] &= 248;
    head[31] &= 127;
    head[31] |= 64;
    const prefix = copy.slice(32);
    const scalar = modL_LE(head);
    const point = G.multiply(scalar);
    const pointBytes = point.toBytes();
    return { head, prefix, scalar, point, pointBytes };
  };
  var getExtendedPublicKeyAsync = (secretKey) => callHashAsync("sha512Async", abytes(secretKey, LEN, "secretKey")).then(hashedToExtK);
  var getPublicKeyAsync = (secretKey) => getExtendedPublicKeyAsync(secretKey).then((p) => p.pointBytes);
  var hashFinishAsync = async (res) => res[1](await callHashAsync("sha512Async", res[0]));
  var _sign = (e, rBytes, msg) => {
    const { pointBytes: A, scalar: s } = e;
    const r = modL_LE(rBytes);
    const R = G.multiply(r).toBytes();
    const hashable = concatBytes(R, A, msg);
    const finish = (hashed) => {
      const S = modN(r + modL_LE(hashed) * s);
      return abytes(concatBytes(R, numTo32bLE(S)), 64);
    };
    return [hashable, finish];
  };
  var signAsync = async (message, secretKey) => {
    const m = snapshotBytes(message, "message");
    const e = await getExtendedPublicKeyAsync(secretKey);
    return hashFinishAsync(_sign(e, await callHashAsync("sha512Async", e.prefix, m), m));
  };
  var getZip215 = (options) => {
    if (options === null || typeof options !== "object")
      throw new TypeError("expected valid options object");
    return options.zip215 ?? true;
  };
  var _verify = (sig, msg, publicKey2, options) => {
    sig = abytes(sig, 64, "signature");
    msg = abytes(msg, void 0, "message");
    publicKey2 = abytes(publicKey2, LEN, "publicKey");
    const zip215 = getZip215(options);
    const r = sig.subarray(0, LEN);
    const s = bytesToNumberLE(sig.subarray(LEN, 64));
    let A, R, SB;
    let hashable = Uint8Array.of();
    let finished = false;
    try {
      A = Point.fromBytes(publicKey2, zip215);
      R = Point.fromBytes(r, zip215);
      SB = G.multiply(s, false);
      hashable = concatBytes(r, publicKey2, msg);
      finished = true;
    } catch (error) {
    }
    const finish = (hashed) => {
      if (!finished)
        return false;
      if (!zip215 && A.isSmallOrder())
        return false;
      const k = modL_LE(hashed);
      const RkA = R.add(A.multiply(k, false));
      return RkA.subtract(SB).clearCofactor().is0();
    };
    return [hashable, finish];
  };
  var verifyAsync = async (signature, message, publicKey2, opts = {}) => hashFinishAsync(_verify(signature, message, publicKey2, opts));
  var hashes = {
    sha512Async: async (message) => {
      const s = globalThis?.crypto?.subtle;
      if (!s)
        throw new Error("crypto.subtle must be defined, consider polyfill");
      return new Uint8Array(await s.digest("SHA-512", concatBytes(message)));
    },
    sha512: void 0
  };
  var precompute = () => {
    const points = [];
    let p = G;
    let b;
    for (let w = 0; w < 33; w++) {
      b = p;
      points.push(b);
      for (let i = 1; i < 128; i++) {
        b = b.add(p);
        points.push(b);
      }
      p = b.double();
    }
    return points;
  };
  var Gpows = void 0;
  var ctneg = (cnd, p) => {
    const n = p.negate();
    return cnd ? n : p;
  };
  var wNAF = (n) => {
    const comp = Gpows || (Gpows = precompute());
    let p = I;
    let f = G;
    for (let w = 0; w < 33; w++) {
      let wbits = Number(n & 255n);
      n >>= 8n;
      if (wbits > 128) {
        wbits -= 256;
        n += 1n;
      }
      const off = w * 128;
      const offP = off + Math.abs(wbits) - 1;
      const isOddW = w % 2 !== 0;
      const isNeg = wbits < 0;
      if (wbits === 0) {
        f = f.add(ctneg(isOddW, comp[off]));
      } else {
        p = p.add(ctneg(isNeg, comp[offP]));
      }
    }
    if (n !== 0n)
      throw new Error("invalid wnaf");
    return { p, f };
  };

  // src/crypto.js
  var utf82 = new TextEncoder();
  var concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let i = 0;
    for (const p of parts) {
      out.set(p, i);
      i += p.length;
    }
    return out;
  };
  var b64 = { enc: (b) => btoa(String.fromCharCode(...b)), dec: (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)) };
  var sha256 = async (b) => new Uint8Array(await crypto.subtle.digest("SHA-256", b));
  var normalise = (code) => code.replace(/[-\s]/g, "").toUpperCase();
  async function codeSeed(salt, electionId, code) {
    const key = await crypto.subtle.importKey("raw", utf82.encode(normalise(code)), "HKDF", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: utf82.encode(salt), info: utf82.encode(electionId) }, key, 256);
    return new Uint8Array(bits);
  }
  var enrollmentSeed = (electionId, code) => codeSeed("voting/v1/enrollment-code\n", electionId, code);
  var issuerSeed = (electionId, code) => codeSeed("voting/v1/issuer-code\n", electionId, code);
  var CODE_GROUPS = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{20}$/;
  function isIssuerCode(text2) {
    const n = normalise(text2);
    return n.startsWith("I") && CODE_GROUPS.test(n.slice(1));
  }
  function rollIndexOf(code) {
    const m = /^\s*(\d+)-([0-9A-Za-z\s-]+)$/.exec(code);
    if (!m || m[2].replace(/[-\s]/g, "").length !== 20) throw new Error("That is not an enrollment code: it looks like 17-ABCDE-FGHJK-MNPQR-STVWX, as printed in your letter.");
    return Number(m[1]);
  }
  var newSeed = () => crypto.getRandomValues(new Uint8Array(32));
  var publicKey = (seed) => getPublicKeyAsync(seed);
  var sign = (label, body, seed) => signAsync(concat(utf82.encode(label), body), seed);
  async function inclusionHolds(record, index, size, proof, root) {
    if (index >= size) return false;
    let fn = index, sn = size - 1, r = await sha256(concat(Uint8Array.of(0), record));
    for (const p of proof) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        r = await sha256(concat(Uint8Array.of(1), p, r));
        if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else {
        r = await sha256(concat(Uint8Array.of(1), r, p));
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && r.length === root.length && r.every((x, i) => x === root[i]);
  }
  async function parseVkey(vkey) {
    const first = vkey.indexOf("+"), second = vkey.indexOf("+", first + 1);
    if (first < 0 || second < 0) throw new Error("the log key is not a vkey");
    const name = vkey.slice(0, first);
    const blob = b64.dec(vkey.slice(second + 1));
    if (blob.length !== 33 || blob[0] !== 1) throw new Error("the log key is not an Ed25519 vkey");
    const id = (await sha256(concat(utf82.encode(name + "\n"), blob))).subarray(0, 4);
    return { name, id, key: blob.subarray(1) };
  }
  async function checkReceipt(receiptText, logVkey) {
    const [head, ...rest] = receiptText.split("\n\n");
    const lines = head.split("\n");
    if (lines[0] !== "c2sp.org/tlog-proof@v1" || !lines[1].startsWith("extra ") || !lines[2].startsWith("index ")) throw new Error("not a tlog-proof receipt");
    const record = b64.dec(lines[1].slice(6));
    const index = Number(lines[2].slice(6));
    const proof = lines.slice(3).filter((l) => l.length > 0).map(b64.dec);
    const note = rest.join("\n\n");
    const split = note.indexOf("\n\n");
    const text2 = note.slice(0, split + 1);
    const [origin, size, rootB64] = text2.split("\n");
    const key = await parseVkey(logVkey);
    if (origin !== key.name) throw new Error("the receipt's checkpoint is not from this log");
    let signed = false;
    for (const line of note.slice(split + 2).split("\n")) {
      if (!line.startsWith("\u2014 " + key.name + " ")) continue;
      const blob = b64.dec(line.slice(key.name.length + 3));
      if (blob.length === 68 && blob.subarray(0, 4).every((x, i) => x === key.id[i]) && await verifyAsync(blob.subarray(4), utf82.encode(text2), key.key)) signed = true;
    }
    const included = await inclusionHolds(record, index, Number(size), proof, b64.dec(rootB64));
    return { index, size: Number(size), origin, record, signed, included };
  }

  // src/app.js
  var $ = (id) => document.getElementById(id);
  var SECTIONS = ["enrol", "ballot", "receipt"];
  var show = (id) => {
    for (const s of SECTIONS) $(s).hidden = s !== id;
    $(id).querySelector("h2")?.focus();
  };
  var status = (text2, kind = "info") => {
    const s = $("status");
    s.textContent = text2;
    s.className = kind;
  };
  var call = (method, message, timeoutSeconds) => unary(`/voting.v1.VoterService/${method}`, message, timeoutSeconds);
  var utc = (ms) => new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  function duration(seconds) {
    const [n, unit] = seconds < 120 ? [seconds, "second"] : seconds < 7200 ? [Math.round(seconds / 60), "minute"] : seconds < 172800 ? [Math.round(seconds / 3600), "hour"] : [Math.round(seconds / 86400), "day"];
    return `${n} ${unit}${n === 1 ? "" : "s"}`;
  }
  function disputeAdvice(phase, windowEndsMs) {
    const command = `voting member dispute --election ${election.id} --code <your office code> --issuer-code <your issuer code>`;
    const effect = "the ballots cast in your name will then not be counted.";
    if (!election.hasIssuer || election.disputeWindowSeconds === 0) return "This election takes no disputes: note what you found here and tell the scrutineers.";
    if (phase < PHASE.CLOSED) return `After voting closes you can dispute it, within ${duration(election.disputeWindowSeconds)}, with the member's command-line tool: ${command} \u2014 ${effect}`;
    if (phase === PHASE.CLOSED && windowEndsMs > Date.now()) return `Until ${utc(windowEndsMs)} you can dispute it with the member's command-line tool: ${command} \u2014 ${effect}`;
    return "The time for disputes has passed: note what you found here and tell the scrutineers.";
  }
  var impersonation = () => "Your roll entry is already enrolled, with a voting key that is not in this browser. If it was not you (in another browser, on another computer or with the voting command), someone used your codes: this is evidence of impersonation. Under \u201CCheck participation\u201D below, type your office code to see when it was enrolled and what was cast with it. " + disputeAdvice(election?.phase ?? 0, 0);
  var REFUSALS = {
    G1: () => `There is no election "${election?.id ?? ""}" on this server.`,
    V1: () => "Voting is not open for this election right now.",
    V2: () => "The ballot was refused as invalid.",
    V3: () => "The ballot's signature was not accepted: this browser's voting key does not match it.",
    V4: () => "This browser's voting key is not enrolled in this election.",
    V5: () => election?.revote === "single" ? "You have already voted. In this election each member's first ballot is final, so it cannot be replaced." : "You have already voted with this ballot.",
    V6: () => "You cannot enrol now: the roll is not ready yet, or voting has closed.",
    V7: () => "There is no such roll entry: check the number at the start of your office code.",
    V8: () => "Your code was not accepted: check the office's code exactly as printed in your letter.",
    V9: impersonation,
    V11: () => "Your record is in the log, but the log's witnesses have not confirmed it yet. Doing the same again is safe: you will get the same receipt.",
    V12: () => "The second code, from the independent issuer, does not match your office code: check it exactly as printed in the issuer's letter (it begins with I-). The office's code alone cannot enrol \u2014 that is what stops anyone at the office from enrolling in your name.",
    V13: () => "The ballot marks a contest that is not on your ballot. Reload the page and try again.",
    V14: () => "The server did not accept the question: check your office code exactly as printed in your letter, and that this computer's clock is right."
  };
  function byStatus(code) {
    switch (code) {
      case 9:
        return "Voting is not open for this election right now.";
      case 6:
        return "This code or key was already used.";
      case 7:
        return "Your code or credential was not accepted: check the code exactly as printed in your letter.";
      case 5:
        return `There is no election "${election?.id ?? ""}" on this server.`;
      case 3:
        return "The request was refused as invalid.";
      case 14:
        return "The ballot server or its witnesses did not answer. If you cast a ballot, casting it again is safe: you will get the same receipt.";
      default:
        return "Something went wrong.";
    }
  }
  function explain(e) {
    if (!(e instanceof GrpcError)) return e.message;
    const server = e.message ? ` (server: ${e.message})` : "";
    return (REFUSALS[e.row]?.() ?? byStatus(e.code)) + server;
  }
  var election = null;
  var onBallot = [];
  async function ensureElection(id) {
    if (!id) throw new Error("Enter the election id from your letter.");
    if (election?.id === id) return;
    election = electionResponse(await call("GetElection", request.getElection(id)));
    $("title").textContent = election.title;
    $("issuer-row").hidden = !election.hasIssuer;
  }
  var storeKey = (id) => `voting-credential/${id}`;
  function loadCredential(id) {
    const text2 = localStorage.getItem(storeKey(id));
    if (!text2) return null;
    try {
      if (!text2.startsWith("{")) return { seed: b64.dec(text2), rollIndex: null, styleId: null };
      const c = JSON.parse(text2);
      return { seed: b64.dec(c.seed), rollIndex: c.rollIndex ?? null, styleId: c.styleId ?? null };
    } catch {
      throw new Error("The voting key stored in this browser for this election is damaged: it cannot be used.");
    }
  }
  function saveCredential(id, c) {
    localStorage.setItem(storeKey(id), JSON.stringify({ seed: b64.enc(c.seed), rollIndex: c.rollIndex, styleId: c.styleId }));
  }
  function contestsOf(styleId) {
    if (election.styles.length === 0) return election.contests.map(() => true);
    const style = election.styles.find((s) => s.id === styleId);
    return style ? election.contests.map((c) => style.contestIds.includes(c.id)) : null;
  }
  async function load() {
    const id = new URLSearchParams(location.search).get("election") ?? "";
    $("election-id").value = id;
    if (!id) {
      status("Enter the election id from your letter.", "info");
      return;
    }
    try {
      await ensureElection(id);
      const credential = loadCredential(id);
      if (credential) showBallot(credential);
    } catch (e) {
      status(explain(e), "error");
    }
  }
  async function openCodes(id, code, issuerCode) {
    if (isIssuerCode(code)) throw new Error("That is the independent issuer's code (it begins with I-): put it in the second field. The first takes the office's code, which begins with a number.");
    const rollIndex = rollIndexOf(code);
    await ensureElection(id);
    const codes = { rollIndex, rollSeed: await enrollmentSeed(id, code), issuerSeed: null };
    if (!election.hasIssuer) return codes;
    $("issuer-row").hidden = false;
    if (!issuerCode) throw new Error("This election needs both of your codes: the office's, and the second code sent separately by the independent issuer (it begins with I-, like I-ABCDE-FGHJK-MNPQR-STVWX).");
    if (!isIssuerCode(issuerCode)) throw new Error("The second code is not an issuer code: the independent issuer's code begins with I- and looks like I-ABCDE-FGHJK-MNPQR-STVWX; the office's begins with a number.");
    codes.issuerSeed = await issuerSeed(id, issuerCode);
    return codes;
  }
  async function signedEnrollment(id, codes, seed) {
    const e = { electionId: id, rollIndex: codes.rollIndex, credentialKey: await publicKey(seed) };
    const body = enrollment(e).finish();
    e.rollSignature = await sign("voting/v1/enrollment\n", body, codes.rollSeed);
    e.credentialSignature = await sign("voting/v1/enrollment-credential\n", body, seed);
    if (codes.issuerSeed) e.issuerSignature = await sign("voting/v1/enrollment-issuer\n", body, codes.issuerSeed);
    return e;
  }
  async function askParticipation(rollIndex, halfSeed) {
    const r = { electionId: election.id, rollIndex, issuedAtUnix: Math.floor(Date.now() / 1e3) };
    r.signature = await sign("voting/v1/participation-request\n", participationRequest(r).finish(), halfSeed);
    return participationResponse(await call("GetParticipation", request.participation(r)));
  }
  var pending = null;
  function enrolmentSeed(id, rollIndex) {
    if (pending?.id !== id || pending.rollIndex !== rollIndex) pending = { id, rollIndex, seed: newSeed() };
    return pending.seed;
  }
  async function enrol(event) {
    event.preventDefault();
    const id = $("election-id").value.trim();
    try {
      const codes = await openCodes(id, $("code").value.trim(), $("issuer-code").value.trim());
      status("Making your voting key in this browser\u2026");
      const seed = enrolmentSeed(id, codes.rollIndex);
      await call("Enroll", request.enroll(await signedEnrollment(id, codes, seed)));
      pending = null;
      const credential = { seed, rollIndex: codes.rollIndex, styleId: null };
      saveCredential(id, credential);
      for (const field of ["code", "issuer-code"]) $(field).value = "";
      await learnStyle(credential, codes.rollSeed);
    } catch (err) {
      status(explain(err), "error");
    }
  }
  async function learnStyle(credential, rollSeed) {
    try {
      credential.styleId = (await askParticipation(credential.rollIndex, rollSeed)).styleId;
    } catch (err) {
      status(`You are enrolled, but the page could not learn which contests are on your ballot: ${explain(err)} Type your office code under \u201CCheck participation\u201D below to continue.`, "error");
      show("participation");
      return;
    }
    saveCredential(election.id, credential);
    status("You are enrolled. Your voting key is stored in this browser only.", "ok");
    showBallot(credential);
  }
  function showBallot(credential) {
    const contests = contestsOf(credential.styleId);
    if (!contests) {
      status("This browser holds your voting key, but not which contests are on your ballot: type your office code under \u201CCheck participation\u201D below, and the page will find them.", "info");
      show("participation");
      return;
    }
    onBallot = contests;
    renderBallot(credential.styleId);
    show("ballot");
  }
  var HOW = {
    stv: (c) => `Rank the candidates in order of preference: 1 for your first choice, 2 for your second, and so on. Rank as many or as few as you like (${c.seats} seat${c.seats === 1 ? "" : "s"}).`,
    fptp: () => "Choose one.",
    referendum: () => "Choose one option.",
    block: (c) => `Choose up to ${c.maxMarks || c.seats}.`,
    approval: () => "Choose every candidate you approve of."
  };
  function renderBallot(styleId) {
    const shown = election.contests.filter((_, k) => onBallot[k]);
    $("style-note").hidden = election.styles.length === 0;
    $("style-note").textContent = `Your ballot style is \u201C${styleId}\u201D: ${shown.map((c) => c.title).join(", ")}. ` + (shown.length < election.contests.length ? "The election's other contests are for other members." : "");
    $("contests").replaceChildren(...election.contests.flatMap((c, k) => onBallot[k] ? [contestFieldset(c, k)] : []));
  }
  function contestFieldset(c, k) {
    const set = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = `${c.title} \u2014 ${HOW[c.method]?.(c) ?? ""}`;
    set.append(legend, ...c.candidates.map((cand, i) => choiceRow(c, k, cand, i)));
    return set;
  }
  function choiceRow(c, k, cand, i) {
    const row = document.createElement("div");
    row.className = "choice";
    let input;
    if (c.method === "stv") {
      input = document.createElement("select");
      input.append(new Option("\u2014", ""));
      for (let r = 1; r <= c.candidates.length; r++) input.append(new Option(String(r), String(r)));
    } else {
      input = document.createElement("input");
      input.type = c.method === "fptp" || c.method === "referendum" ? "radio" : "checkbox";
      input.name = `contest-${k}`;
    }
    input.id = `c${k}-${i}`;
    input.dataset.contest = k;
    input.dataset.candidate = i;
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = cand.name;
    row.append(input, label);
    return row;
  }
  function readChoices() {
    return election.contests.map((c, k) => onBallot[k] ? contestChoices(c, k) : []);
  }
  function contestChoices(c, k) {
    const inputs = [...document.querySelectorAll(`[data-contest="${k}"]`)];
    if (c.method === "stv") {
      const ranked = inputs.filter((x) => x.value).map((x) => ({ rank: Number(x.value), candidate: Number(x.dataset.candidate) })).sort((a, b) => a.rank - b.rank);
      ranked.forEach((r, i) => {
        if (r.rank !== i + 1) throw new Error(`${c.title}: use each number once, starting from 1 with no gaps (found ${ranked.map((x) => x.rank).join(", ")}).`);
      });
      return ranked.map((r) => r.candidate);
    }
    const marked = inputs.filter((x) => x.checked).map((x) => Number(x.dataset.candidate));
    const max = c.method === "block" ? c.maxMarks || c.seats : c.method === "approval" ? c.maxMarks || c.candidates.length : 1;
    if (marked.length > max) throw new Error(`${c.title}: at most ${max} choice${max === 1 ? "" : "s"}.`);
    return marked;
  }
  async function cast(event) {
    event.preventDefault();
    try {
      const seed = loadCredential(election.id).seed;
      const b = { electionId: election.id, credentialKey: await publicKey(seed), votes: readChoices(), clientNonce: crypto.getRandomValues(new Uint8Array(16)) };
      b.signature = await sign("voting/v1/ballot\n", ballot(b).finish(), seed);
      status("Casting your ballot; the receipt comes once it is safely in the log\u2026");
      const answer = appendResponse(await call("Cast", request.cast(b), 60));
      await showReceipt(answer.receipt);
    } catch (err) {
      status(explain(err), "error");
    }
  }
  async function showReceipt(receipt) {
    const check = await checkReceipt(receipt, election.logVkey);
    $("receipt-index").textContent = String(check.index);
    $("receipt-size").textContent = String(check.size);
    $("receipt-signed").textContent = check.signed ? "yes \u2014 signed by the log's key" : "NO: the log's signature does not verify";
    $("receipt-included").textContent = check.included ? "yes \u2014 the proof leads from your ballot to the signed checkpoint" : "NO: the inclusion proof fails";
    const link = $("save");
    link.href = URL.createObjectURL(new Blob([receipt], { type: "text/plain" }));
    link.download = `receipt-${election.id}.txt`;
    $("receipt-text").textContent = receipt;
    const good = check.signed && check.included;
    status(good ? "Your vote is in the log, and this browser has checked the proof." : "Your ballot was recorded, but its receipt does not check: keep it and tell the scrutineers.", good ? "ok" : "error");
    show("receipt");
  }
  var sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  async function provenEnrollment(answer, rollIndex) {
    const check = await checkReceipt(answer.enrollment.receipt, election.logVkey);
    if (!check.signed || !check.included) throw new Error("The server's proof of the enrollment on your roll entry does NOT verify: keep this page open and tell the scrutineers.");
    const record = enrollmentRecord(check.record);
    if (!record || record.height !== check.index || record.electionId !== election.id || record.rollIndex !== rollIndex)
      throw new Error("The server's answer names an enrollment that is not for your roll entry: keep this page open and tell the scrutineers.");
    return { ...record, index: check.index };
  }
  function describe(answer, enrolled, byMe, mine, rollIndex) {
    const facts = [];
    if (answer.styleId) facts.push(`Your ballot style: ${answer.styleId}.`);
    if (!enrolled) {
      facts.push(`Your roll entry ${rollIndex} has not been enrolled: nobody has used your codes.${answer.phase < PHASE.CLOSED ? " You can still enrol and vote." : ""}`);
      return { facts, warning: null };
    }
    facts.push(`Your roll entry ${rollIndex} was enrolled at ${utc(enrolled.sequencedAtMs)} (record ${enrolled.index}; this browser checked its proof against the log's key).`);
    facts.push(byMe ? "The enrollment is this browser's credential." : mine ? "The enrollment is NOT this browser's credential." : "This browser holds no credential for this roll entry.");
    facts.push(ballotsFact(answer));
    if (answer.disputeIndex !== null) {
      facts.push(`You disputed this enrollment (record ${answer.disputeIndex}): its ballots are set aside, not counted.`);
      return { facts, warning: null };
    }
    if (byMe) return { facts, warning: null };
    const who = mine ? "Someone else used your codes: this is evidence of impersonation." : "If you did not enrol (in another browser, on another computer or with the voting command), someone used your codes: this is evidence of impersonation.";
    return { facts, warning: `${who} ${disputeAdvice(answer.phase, answer.disputeWindowEndsMs)}` };
  }
  function ballotsFact(answer) {
    const n = answer.ballotIndexes.length;
    if (n === 0) return "No ballot has been cast with that enrollment.";
    const list = answer.ballotIndexes.map((i, k) => `record ${i} at ${utc(answer.ballotTimesMs[k])}`).join(", ");
    const unpublished = answer.phase < PHASE.CLOSED || Number(answer.disputeWindowEndsMs ?? 0) > Date.now();
    const word = unpublished ? " Until the log is published (after Close and the dispute window) this is the server's word; then check it in the log." : "";
    return `${n} ballot${n === 1 ? " was" : "s were"} cast with it: ${list}.${word}`;
  }
  function renderParticipation({ facts, warning }) {
    $("participation-facts").replaceChildren(...facts.map((f) => Object.assign(document.createElement("li"), { textContent: f })));
    $("participation-warning").hidden = warning === null;
    $("participation-warning").textContent = warning ?? "";
    $("participation-result").hidden = false;
  }
  async function checkParticipation(event) {
    event.preventDefault();
    try {
      const code = $("participation-code").value.trim();
      if (isIssuerCode(code)) throw new Error("Type the office's code here (it begins with a number): it names your roll entry; the issuer's code does not.");
      const rollIndex = rollIndexOf(code);
      await ensureElection($("election-id").value.trim());
      status("Asking the ballot server about your roll entry\u2026");
      const answer = await askParticipation(rollIndex, await enrollmentSeed(election.id, code));
      const enrolled = answer.enrollment ? await provenEnrollment(answer, rollIndex) : null;
      const mine = credentialFor(rollIndex);
      const byMe = enrolled !== null && mine !== null && sameBytes(enrolled.credentialKey, await publicKey(mine.seed));
      const described = describe(answer, enrolled, byMe, mine, rollIndex);
      renderParticipation(described);
      $("participation-code").value = "";
      status(described.warning ? "Your codes were used by someone else: read the warning under \u201CCheck participation\u201D." : "Participation checked.", described.warning ? "error" : "ok");
      if (byMe && contestsOf(mine.styleId) === null) adoptStyle(mine, rollIndex, answer.styleId);
    } catch (err) {
      status(explain(err), "error");
    }
  }
  function credentialFor(rollIndex) {
    const c = loadCredential(election.id);
    return c && (c.rollIndex === null || c.rollIndex === rollIndex) ? c : null;
  }
  function adoptStyle(credential, rollIndex, styleId) {
    Object.assign(credential, { rollIndex, styleId });
    saveCredential(election.id, credential);
    showBallot(credential);
  }
  $("enrol-form").addEventListener("submit", enrol);
  $("ballot-form").addEventListener("submit", cast);
  $("participation-form").addEventListener("submit", checkParticipation);
  load();
})();
