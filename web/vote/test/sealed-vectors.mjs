// An independent check of docs/spec/vectors/sealed-vectors.json (sealed.md §2) with @noble/curves: each contest's
// marks encoded as elements, encrypted, and proven, recomputed byte for byte; and each proof verified as a checker
// would. Usage: node test/sealed-vectors.mjs PATH; prints a JSON summary, exits 1 on the first mismatch.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { ristretto255 } from "@noble/curves/ed25519.js";

const P = ristretto255.Point;
const Fn = P.Fn;
const v = JSON.parse(readFileSync(process.argv[2], "utf8"));
const bytes = (h) => Buffer.from(h, "hex");
const le = (b) => BigInt("0x" + (Buffer.from(b).reverse().toString("hex") || "0"));
const scalarHex = (n) => Buffer.from(n.toString(16).padStart(64, "0"), "hex").reverse().toString("hex");
const point = (h) => (/^0+$/.test(h) ? P.ZERO : P.fromHex(h));
const hexOf = (p) => Buffer.from(p.toBytes()).toString("hex");
let checked = 0;
function same(what, got, want) {
  if (got !== want) { console.error(`${what}: noble gives ${got}, the vectors say ${want}`); process.exit(1); }
  checked++;
}

// sealed.md §2.1: byte 0 = 2k for the smallest k that decodes, bytes 1–30 the marks + 1, byte 31 zero.
function encode(marks) {
  const e = Buffer.alloc(32);
  marks.forEach((m, i) => { e[1 + i] = m + 1; });
  for (let k = 0; k < 128; k++) {
    e[0] = 2 * k;
    const h = e.toString("hex");
    if (/^0+$/.test(h)) return h;
    try { P.fromHex(h); return h; } catch { /* the next k */ }
  }
  throw new Error("no k");
}

const H = point(v.election_key_hex);
same("H = x·G", hexOf(P.BASE.multiply(Fn.create(le(bytes(v.election_secret_hex))))), v.election_key_hex);
for (const c of v.contests) {
  c.parts.forEach((part, p) => {
    same(`contest ${c.contest} part ${p} element`, encode(c.marks.slice(30 * p, 30 * p + 30)), part.element_hex);
    const r = le(bytes(part.r_hex)), w = le(bytes(part.w_hex));
    const M = point(part.element_hex);
    const alpha = P.BASE.multiply(r), beta = M.add(H.multiply(r));
    same("alpha", hexOf(alpha), part.alpha_hex);
    same("beta", hexOf(beta), part.beta_hex);
    const ctx = bytes(part.context_hex);
    const challenge = (A) => Fn.create(le(createHash("sha512").update(Buffer.from(v.proof_label, "ascii")).update(ctx)
      .update(bytes(part.alpha_hex)).update(bytes(part.beta_hex)).update(A.toBytes()).digest()));
    const c0 = challenge(P.BASE.multiply(w));
    same("challenge", scalarHex(c0), part.challenge_hex);
    same("response", scalarHex(Fn.add(w, Fn.mul(c0, r))), part.response_hex);
    // The checker: A' = z·G − c·α hashes back to c.
    const z = le(bytes(part.response_hex)), c1 = le(bytes(part.challenge_hex));
    same("proof verifies", scalarHex(challenge(P.BASE.multiply(z).subtract(alpha.multiply(c1)))), part.challenge_hex);
    // The context: uint8 len || election id || H || uint8 len || credential || uint32 contest || uint32 part.
    const id = Buffer.from(v.election_id, "ascii"), cred = bytes(v.credential_key_hex);
    const want = Buffer.concat([Buffer.from([id.length]), id, bytes(v.election_key_hex), Buffer.from([cred.length]), cred,
      Buffer.from([0, 0, 0, c.contest]), Buffer.from([0, 0, 0, p])]);
    same("context", want.toString("hex"), part.context_hex);
  });
}
console.log(JSON.stringify({ checked }));
