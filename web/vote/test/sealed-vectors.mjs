// An independent check of docs/spec/vectors/sealed-vectors.json (sealed.md §2) with @noble/curves: each contest's
// marks encoded as elements, encrypted, and proven, recomputed byte for byte; and each proof verified as a checker
// would. Usage: node test/sealed-vectors.mjs PATH; prints a JSON summary, exits 1 on the first mismatch.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { ristretto255, ristretto255_hasher } from "@noble/curves/ed25519.js";

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
// sealed.md §3–§4: Feldman commitments and shares, verification keys, decryption shares with Chaum–Pedersen proofs,
// and Lagrange interpolation at zero recovering the plaintext from trustees 1 and 3.
const th = v.threshold;
const sc = (h) => le(bytes(h));
const feldman = (commitments, j) => commitments.reduceRight((acc, c) => acc.multiply(BigInt(j)).add(point(c)), P.ZERO);
let key = P.ZERO;
const alpha = point(th.alpha_hex);
for (const t of th.by) {
  const a = t.coefficients_hex.map(sc);
  t.commitments_hex.forEach((c, i) => same(`trustee ${t.index} C_${i}`, hexOf(P.BASE.multiply(a[i])), c));
  t.shares_dealt_hex.forEach((s, to) => {
    const f = a.reduceRight((acc, ai) => Fn.add(Fn.mul(acc, BigInt(to + 1)), ai), 0n);
    same(`trustee ${t.index} share to ${to + 1}`, scalarHex(f), s);
    same(`that share matches the commitments`, hexOf(P.BASE.multiply(f)), hexOf(feldman(t.commitments_hex, to + 1)));
  });
  key = key.add(point(t.commitments_hex[0]));
}
same("election key", hexOf(key), th.election_key_hex);
for (const t of th.by) {
  const x = th.by.reduce((acc, d) => Fn.add(acc, sc(d.shares_dealt_hex[t.index - 1])), 0n);
  same(`x_${t.index}`, scalarHex(x), t.secret_hex);
  const X = th.by.reduce((acc, d) => acc.add(feldman(d.commitments_hex, t.index)), P.ZERO);
  same(`X_${t.index}`, hexOf(X), t.verification_key_hex);
  same(`d_${t.index}`, hexOf(alpha.multiply(x)), t.decryption_share_hex);
  const w = sc(t.proof_w_hex);
  const hash = (A, B) => Fn.create(le(createHash("sha512").update(Buffer.from(th.share_proof_label, "ascii")).update(bytes(th.share_context_hex))
    .update(X.toBytes()).update(alpha.toBytes()).update(bytes(t.decryption_share_hex)).update(A.toBytes()).update(B.toBytes()).digest()));
  const c = hash(P.BASE.multiply(w), alpha.multiply(w));
  same(`proof ${t.index} challenge`, scalarHex(c), t.proof_challenge_hex);
  same(`proof ${t.index} response`, scalarHex(Fn.add(w, Fn.mul(c, x))), t.proof_response_hex);
  const z = sc(t.proof_response_hex), c1 = sc(t.proof_challenge_hex), d = point(t.decryption_share_hex);
  same(`proof ${t.index} verifies`, scalarHex(hash(P.BASE.multiply(z).subtract(X.multiply(c1)), alpha.multiply(z).subtract(d.multiply(c1)))), t.proof_challenge_hex);
}
const lagrange = (j, set) => set.filter((m) => m !== j).reduce((acc, m) => Fn.mul(acc, Fn.div(BigInt(m), Fn.sub(BigInt(m), BigInt(j)))), 1n);
same("λ_1 of {1,3}", scalarHex(lagrange(1, [1, 3])), th.lagrange_1_of_1_3_hex);
same("λ_3 of {1,3}", scalarHex(lagrange(3, [1, 3])), th.lagrange_3_of_1_3_hex);
const xAlpha = point(th.by[0].decryption_share_hex).multiply(lagrange(1, [1, 3])).add(point(th.by[2].decryption_share_hex).multiply(lagrange(3, [1, 3])));
same("M from trustees 1 and 3", hexOf(point(th.beta_hex).subtract(xAlpha)), th.plaintext_hex);
// sealed.md §5: the shuffle proof checked by the checker's equations, and the output decrypting to the input's
// plaintexts in the permutation's order.
const sh = v.shuffle;
const gen = (i) => { const b = Buffer.alloc(4); b.writeUInt32BE(i); return ristretto255_hasher.deriveToCurve(createHash("sha512").update(Buffer.from(sh.generator_label, "ascii")).update(b).digest()); };
const tuples = (list) => list.map((t) => t.map((c) => ({ a: point(c.alpha_hex), b: point(c.beta_hex) })));
const inp = tuples(sh.input), out = tuples(sh.output);
const N = inp.length, w = inp[0].length;
const hs = Array.from({ length: N + 1 }, (_, i) => gen(i));
const cs = sh.permutation_commitments_hex.map(point), chain = sh.chain_commitments_hex.map(point);
const ctx = bytes(sh.context_hex);
const y = (() => {
  const hsh = createHash("sha512");
  const len = Buffer.alloc(4); len.writeUInt32BE(ctx.length); hsh.update(len).update(ctx).update(bytes(v.election_key_hex));
  const nw = Buffer.alloc(8); nw.writeUInt32BE(N, 0); nw.writeUInt32BE(w, 4); hsh.update(nw);
  for (const list of [inp, out]) for (const t of list) for (const c of t) hsh.update(c.a.toBytes()).update(c.b.toBytes());
  for (const c of cs) hsh.update(c.toBytes());
  return hsh.digest();
})();
const u = Array.from({ length: N }, (_, j) => { const b = Buffer.alloc(4); b.writeUInt32BE(j); return Fn.create(le(createHash("sha512").update(Buffer.from(sh.challenges_label, "ascii")).update(y).update(b).digest())); });
const sum = (arr) => arr.reduce((acc, p) => acc.add(p), P.ZERO);
const e = sc(sh.challenge_hex), s1 = sc(sh.s1_hex), s2 = sc(sh.s2_hex), s3 = sc(sh.s3_hex);
const s4 = sh.s4_hex.map(sc), sHat = sh.s_hat_hex.map(sc), sPrime = sh.s_prime_hex.map(sc);
const mul = (p, k) => (k === 0n ? P.ZERO : p.multiply(k));
const cBar = sum(cs).subtract(sum(hs.slice(1)));
const cHat = chain[N - 1].subtract(mul(hs[0], u.reduce((a, b) => Fn.mul(a, b), 1n)));
const cTilde = sum(cs.map((c, j) => mul(c, u[j])));
const t = [mul(cBar, e).add(mul(P.BASE, s1)), mul(cHat, e).add(mul(P.BASE, s2)),
  mul(cTilde, e).add(mul(P.BASE, s3)).add(sum(sPrime.map((s, i) => mul(hs[i + 1], s))))];
for (let k = 0; k < w; k++) {
  t.push(mul(sum(inp.map((x, j) => mul(x[k].b, u[j]))), e).subtract(mul(H, s4[k])).add(sum(sPrime.map((s, i) => mul(out[i][k].b, s)))));
  t.push(mul(sum(inp.map((x, j) => mul(x[k].a, u[j]))), e).subtract(mul(P.BASE, s4[k])).add(sum(sPrime.map((s, i) => mul(out[i][k].a, s)))));
}
for (let i = 0; i < N; i++) t.push(mul(chain[i], e).add(mul(P.BASE, sHat[i])).add(mul(i === 0 ? hs[0] : chain[i - 1], sPrime[i])));
const c2 = createHash("sha512").update(Buffer.from(sh.challenge_label, "ascii")).update(y);
for (const p of [...chain, ...t]) c2.update(p.toBytes());
same("shuffle proof verifies", scalarHex(Fn.create(le(c2.digest()))), sh.challenge_hex);
const x = le(bytes(v.election_secret_hex));
const dec = (c) => hexOf(c.b.subtract(mul(c.a, x)));
sh.permutation.forEach((from, i) => { for (let k = 0; k < w; k++) same(`output ${i} part ${k} is input ${from}'s plaintext`, dec(out[i][k]), dec(inp[from][k])); });
console.log(JSON.stringify({ checked }));
