// The few protobuf messages the page sends and reads (proto/voting/v1/*.proto), encoded canonically as the server
// re-encodes them (log.md §3): fields in number order, defaults left out, repeated uint32 packed. Signatures are
// over these bytes, so they must match the C# encoding exactly — the browser test proves they do.

const utf8 = new TextEncoder();

class Writer {
  constructor() { this.bytes = []; }
  varint(n) {
    let v = BigInt(n);
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) b |= 0x80;
      this.bytes.push(b);
    } while (v > 0n);
    return this;
  }
  tag(field, wire) { return this.varint((field << 3) | wire); }
  uint(field, n) { if (BigInt(n) !== 0n) this.tag(field, 0).varint(n); return this; }
  bytesField(field, b, always = false) {
    if (b.length === 0 && !always) return this;
    this.tag(field, 2).varint(b.length);
    for (const x of b) this.bytes.push(x);
    return this;
  }
  string(field, s) { return this.bytesField(field, utf8.encode(s ?? "")); }
  message(field, w) { return this.bytesField(field, w.finish(), true); }
  packed(field, values) {
    if (values.length === 0) return this;
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    return this.bytesField(field, inner.finish());
  }
  finish() { return Uint8Array.from(this.bytes); }
}

/** Enrollment (records.proto): election_id 1, roll_index 2, credential_key 3, roll_signature 4, credential_signature 5. */
export function enrollment(e) {
  return new Writer().string(1, e.electionId).uint(2, e.rollIndex).bytesField(3, e.credentialKey)
    .bytesField(4, e.rollSignature ?? new Uint8Array()).bytesField(5, e.credentialSignature ?? new Uint8Array());
}

/** Ballot: election_id 1, credential_key 2, plain 3 (PlainBallot: votes 1 = ContestVote: choices 1 packed), client_nonce 5, signature 6. */
export function ballot(b) {
  const plain = new Writer();
  for (const choices of b.votes) plain.message(1, new Writer().packed(1, choices));
  return new Writer().string(1, b.electionId).bytesField(2, b.credentialKey).message(3, plain)
    .bytesField(5, b.clientNonce).bytesField(6, b.signature ?? new Uint8Array());
}

export const request = {
  getElection: (id) => new Writer().string(1, id).finish(),
  enroll: (e) => new Writer().message(1, enrollment(e)).finish(),
  cast: (b) => new Writer().message(1, ballot(b)).finish(),
  checkpoint: (id) => new Writer().string(1, id).finish(),
};

/** Splits a message into fields: number → list of values (BigInt for varints, Uint8Array for length-delimited). */
export function fields(buf) {
  const out = new Map();
  let i = 0;
  const varint = () => {
    let v = 0n, shift = 0n;
    for (;;) {
      if (i >= buf.length) throw new Error("truncated message");
      const b = buf[i++];
      v |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return v;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const field = key >> 3, wire = key & 7;
    let value;
    if (wire === 0) value = varint();
    else if (wire === 2) { const n = Number(varint()); value = buf.subarray(i, i + n); i += n; }
    else if (wire === 1) { value = buf.subarray(i, i + 8); i += 8; }
    else if (wire === 5) { value = buf.subarray(i, i + 4); i += 4; }
    else throw new Error(`unsupported wire type ${wire}`);
    if (!out.has(field)) out.set(field, []);
    out.get(field).push(value);
  }
  return out;
}

const text = new TextDecoder();
const str = (m, f) => (m.get(f) ? text.decode(m.get(f)[0]) : "");
const num = (m, f) => (m.get(f) ? Number(m.get(f)[0]) : 0);

export const METHOD = { 1: "fptp", 2: "block", 3: "referendum", 4: "approval", 5: "stv" };

/** GetElectionResponse: definition 1 (ElectionDefinition), phase 2, log_vkey 3 — the parts the page shows. */
export function electionResponse(buf) {
  const r = fields(buf);
  const d = fields(r.get(1)?.[0] ?? new Uint8Array());
  const contests = (d.get(3) ?? []).map((c) => {
    const m = fields(c);
    return {
      id: str(m, 1), title: str(m, 2), method: METHOD[num(m, 3)] ?? "unknown", seats: num(m, 4),
      candidates: (m.get(5) ?? []).map((x) => { const k = fields(x); return { id: str(k, 1), name: str(k, 2) }; }),
      maxMarks: num(m, 6),
    };
  });
  const revote = num(d, 5);
  return { id: str(d, 1), title: str(d, 2), contests, revote: revote === 2 ? "last-counts" : "single", phase: num(r, 2), logVkey: str(r, 3) };
}

/** AppendResponse: index 1, record 2, receipt 3. */
export function appendResponse(buf) {
  const r = fields(buf);
  return { index: num(r, 1), receipt: str(r, 3) };
}
