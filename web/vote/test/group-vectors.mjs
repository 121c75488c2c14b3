// An independent check of docs/spec/vectors/group-vectors.json (sealed.md §1): every value the C# side made with
// libsodium, recomputed with @noble/curves. Usage: node test/group-vectors.mjs PATH; prints a JSON summary, exits 1 on
// the first mismatch.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { ristretto255, ristretto255_hasher } from "@noble/curves/ed25519.js";

const P = ristretto255.Point;
const Fn = P.Fn;
const v = JSON.parse(readFileSync(process.argv[2], "utf8"));
const hex = (b) => Buffer.from(b).toString("hex");
const le = (h) => BigInt("0x" + Buffer.from(h, "hex").reverse().toString("hex"));
const scalarHex = (n) => Buffer.from(n.toString(16).padStart(64, "0"), "hex").reverse().toString("hex");
const sha512 = (label, input) => createHash("sha512").update(Buffer.from(label, "ascii")).update(input).digest();
let checked = 0;
function same(what, got, want) {
  if (got !== want) { console.error(`${what}: noble gives ${got}, the vectors say ${want}`); process.exit(1); }
  checked++;
}

for (const m of v.generator_multiples) same(`${m.k}·G`, m.k === 0 ? hex(P.ZERO.toBytes()) : P.BASE.multiply(BigInt(m.k)).toHex(), m.point_hex);
for (const g of v.independent_generators) {
  const i = Buffer.alloc(4); i.writeUInt32BE(g.index);
  same(`H_${g.index}`, ristretto255_hasher.deriveToCurve(sha512(v.generator_label, i)).toHex(), g.point_hex);
}
const scalar = (input) => Fn.create(le(hex(sha512(v.scalar_label, Buffer.from(input, "utf8")))));
const a = scalar(v.scalar_a_input), b = scalar(v.scalar_b_input);
same("a", scalarHex(a), v.scalar_a_hex);
same("b", scalarHex(b), v.scalar_b_hex);
same("a+b", scalarHex(Fn.add(a, b)), v.a_plus_b_hex);
same("a-b", scalarHex(Fn.sub(a, b)), v.a_minus_b_hex);
same("a*b", scalarHex(Fn.mul(a, b)), v.a_times_b_hex);
same("1/a", scalarHex(Fn.inv(a)), v.a_inverse_hex);
same("a·G", P.BASE.multiply(a).toHex(), v.a_times_g_hex);
same("b·(a·G)", P.BASE.multiply(a).multiply(b).toHex(), v.b_times_a_times_g_hex);
same("a·G + b·G", P.BASE.multiply(a).add(P.BASE.multiply(b)).toHex(), v.a_g_plus_b_g_hex);
for (const s of v.invalid_scalars_hex) same(`scalar ${s} refused`, String(s.length !== 64 || le(s) >= Fn.ORDER), "true");
same("ℓ−1 accepted", String(le(v.valid_scalar_order_minus_one_hex) < Fn.ORDER), "true");
for (const p of v.invalid_points_hex) {
  let refused = false;
  try { P.fromHex(p); } catch { refused = true; }
  same(`point ${p} refused`, String(refused), "true");
}
console.log(JSON.stringify({ checked }));
