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

const none = new Uint8Array();

/** Enrollment (records.proto): election_id 1, roll_index 2, credential_key 3, roll_signature 4, credential_signature 5, issuer_signature 6. */
export function enrollment(e) {
  return new Writer().string(1, e.electionId).uint(2, e.rollIndex).bytesField(3, e.credentialKey)
    .bytesField(4, e.rollSignature ?? none).bytesField(5, e.credentialSignature ?? none).bytesField(6, e.issuerSignature ?? none);
}

/** GetParticipationRequest (services.proto): election_id 1, roll_index 2, issued_at_unix 3, signature 4. */
export function participationRequest(r) {
  return new Writer().string(1, r.electionId).uint(2, r.rollIndex).uint(3, r.issuedAtUnix).bytesField(4, r.signature ?? none);
}

/** Ballot: election_id 1, credential_key 2, plain 3 (PlainBallot: votes 1 = ContestVote: choices 1 packed), client_nonce 5, signature 6. */
export function ballot(b) {
  const plain = new Writer();
  for (const choices of b.votes) plain.message(1, new Writer().packed(1, choices));
  return new Writer().string(1, b.electionId).bytesField(2, b.credentialKey).message(3, plain)
    .bytesField(5, b.clientNonce).bytesField(6, b.signature ?? none);
}

export const request = {
  getElection: (id) => new Writer().string(1, id).finish(),
  enroll: (e) => new Writer().message(1, enrollment(e)).finish(),
  cast: (b) => new Writer().message(1, ballot(b)).finish(),
  participation: (r) => participationRequest(r).finish(),
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
const bytes = (m, f) => m.get(f)?.[0] ?? none;
const sub = (m, f) => fields(bytes(m, f));

/** The varints of a packed field, in order. */
function unpack(packed) {
  const out = [];
  let v = 0n, shift = 0n;
  for (const b of packed) {
    v |= BigInt(b & 0x7f) << shift;
    if (b & 0x80) { shift += 7n; continue; }
    out.push(Number(v));
    v = 0n; shift = 0n;
  }
  return out;
}

/** A repeated varint field: proto3 packs it (one length-delimited value), but a parser must take it unpacked too. */
const nums = (m, f) => (m.get(f) ?? []).flatMap((v) => (typeof v === "bigint" ? [Number(v)] : unpack(v)));

export const METHOD = { 1: "fptp", 2: "block", 3: "referendum", 4: "approval", 5: "stv" };
export const PHASE = { DEFINED: 1, ROLL_COMMITTED: 2, OPEN: 3, CLOSED: 4, DECLARED: 5 };

function contest(c) {
  const m = fields(c);
  return {
    id: str(m, 1), title: str(m, 2), method: METHOD[num(m, 3)] ?? "unknown", seats: num(m, 4),
    candidates: (m.get(5) ?? []).map((x) => { const k = fields(x); return { id: str(k, 1), name: str(k, 2) }; }),
    maxMarks: num(m, 6),
  };
}

/** BallotStyle: style_id 1, contest_ids 2 (log.md §7.3). */
function ballotStyle(b) {
  const m = fields(b);
  return { id: str(m, 1), contestIds: (m.get(2) ?? []).map((x) => text.decode(x)) };
}

/**
 * GetElectionResponse: definition 1, phase 2, log_vkey 3 — the parts the page shows and obeys. From the definition:
 * issuer_key 11 (the split roll, log.md §7.2: a second code is needed), ballot_styles 14, dispute_window_seconds 16.
 */
export function electionResponse(buf) {
  const r = fields(buf);
  const d = sub(r, 1);
  const revote = num(d, 5);
  return {
    id: str(d, 1), title: str(d, 2), contests: (d.get(3) ?? []).map(contest),
    revote: revote === 2 ? "last-counts" : "single",
    hasIssuer: bytes(d, 11).length > 0,
    styles: (d.get(14) ?? []).map(ballotStyle),
    disputeWindowSeconds: num(d, 16),
    phase: num(r, 2), logVkey: str(r, 3),
  };
}

/** AppendResponse: index 1, record 2, receipt 3. */
export function appendResponse(buf) {
  const r = fields(buf);
  return { index: num(r, 1), record: bytes(r, 2), receipt: str(r, 3) };
}

/**
 * GetParticipationResponse: phase 1, enrollment 2 (AppendResponse), ballot_indexes 3, ballot_times_ms 4,
 * optional dispute_index 5 (its presence is the answer), dispute_window_ends_ms 6, style_id 7.
 */
export function participationResponse(buf) {
  const r = fields(buf);
  return {
    phase: num(r, 1),
    enrollment: r.has(2) ? appendResponse(bytes(r, 2)) : null,
    ballotIndexes: nums(r, 3), ballotTimesMs: nums(r, 4),
    disputeIndex: r.has(5) ? num(r, 5) : null,
    disputeWindowEndsMs: num(r, 6), styleId: str(r, 7),
  };
}

/** LogRecord: height 1, sequenced_at_ms 3, enrollment 13 (Enrollment: election_id 1, roll_index 2, credential_key 3); null for other bodies. */
export function enrollmentRecord(buf) {
  const r = fields(buf);
  if (!r.has(13)) return null;
  const e = sub(r, 13);
  return { height: num(r, 1), sequencedAtMs: num(r, 3), electionId: str(e, 1), rollIndex: num(e, 2), credentialKey: bytes(e, 3) };
}
