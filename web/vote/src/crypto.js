// Keys, signatures and proofs in the browser: HKDF and SHA from WebCrypto, Ed25519 from @noble/ed25519 (bundled,
// no CDN). Each function mirrors a piece of Voting.Core and cites the section of docs/spec/log.md it follows.
import * as ed from "@noble/ed25519";

const utf8 = new TextEncoder();
const concat = (...parts) => { const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let i = 0; for (const p of parts) { out.set(p, i); i += p.length; } return out; };
export const b64 = { enc: (b) => btoa(String.fromCharCode(...b)), dec: (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)) };
const sha256 = async (b) => new Uint8Array(await crypto.subtle.digest("SHA-256", b));

/** Upper case, without spaces or dashes: how people retype codes from a letter (log.md §7). */
const normalise = (code) => code.replace(/[-\s]/g, "").toUpperCase();

/** HKDF-SHA256(normalised code, salt, election id), 32 bytes: the Ed25519 seed a code names. */
async function codeSeed(salt, electionId, code) {
  const key = await crypto.subtle.importKey("raw", utf8.encode(normalise(code)), "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: utf8.encode(salt), info: utf8.encode(electionId) }, key, 256);
  return new Uint8Array(bits);
}

/** log.md §7: the office's enrollment code names the seed of its roll entry's office half. */
export const enrollmentSeed = (electionId, code) => codeSeed("voting/v1/enrollment-code\n", electionId, code);

/** log.md §7.2: the independent issuer's code names the seed of the entry's issuer half, under its own salt. */
export const issuerSeed = (electionId, code) => codeSeed("voting/v1/issuer-code\n", electionId, code);

/** The codes' alphabet, Crockford's base32 (no I, L, O, U): RollMath.CodeAlphabet. */
const CODE_GROUPS = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{20}$/;

/** Whether text has the issuer code's form, I-XXXXX-XXXXX-XXXXX-XXXXX (SplitRoll.IsIssuerCode). */
export function isIssuerCode(text) {
  const n = normalise(text);
  return n.startsWith("I") && CODE_GROUPS.test(n.slice(1));
}

/** The roll entry a code belongs to: the number before its first dash. */
export function rollIndexOf(code) {
  const m = /^\s*(\d+)-([0-9A-Za-z\s-]+)$/.exec(code);
  if (!m || m[2].replace(/[-\s]/g, "").length !== 20) throw new Error("That is not an enrollment code: it looks like 17-ABCDE-FGHJK-MNPQR-STVWX, as printed in your letter.");
  return Number(m[1]);
}

export const newSeed = () => crypto.getRandomValues(new Uint8Array(32));
export const publicKey = (seed) => ed.getPublicKeyAsync(seed);
/** log.md §8.6: label || canonical bytes with the signature fields empty. */
export const sign = (label, body, seed) => ed.signAsync(concat(utf8.encode(label), body), seed);

/** log.md §5.1 and RFC 9162 §2.1.3.2: does the proof lead from the record at index to the root of a tree of size? */
export async function inclusionHolds(record, index, size, proof, root) {
  if (index >= size) return false;
  let fn = index, sn = size - 1, r = await sha256(concat(Uint8Array.of(0), record));
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(concat(Uint8Array.of(1), p, r));
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await sha256(concat(Uint8Array.of(1), r, p));
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.length === root.length && r.every((x, i) => x === root[i]);
}

/** log.md §8.2: a vkey is name+keyid+base64(0x01 || public key); the key id is the first 4 bytes of SHA-256(name "\n" 0x01 key). */
async function parseVkey(vkey) {
  // The base64 key may itself contain '+': only the first two '+' separate fields.
  const first = vkey.indexOf("+"), second = vkey.indexOf("+", first + 1);
  if (first < 0 || second < 0) throw new Error("the log key is not a vkey");
  const name = vkey.slice(0, first);
  const blob = b64.dec(vkey.slice(second + 1));
  if (blob.length !== 33 || blob[0] !== 1) throw new Error("the log key is not an Ed25519 vkey");
  const id = (await sha256(concat(utf8.encode(name + "\n"), blob))).subarray(0, 4);
  return { name, id, key: blob.subarray(1) };
}

/** log.md §8.7: a C2SP tlog-proof receipt, checked against the log's vkey: signature, then inclusion. */
export async function checkReceipt(receiptText, logVkey) {
  const [head, ...rest] = receiptText.split("\n\n");
  const lines = head.split("\n");
  if (lines[0] !== "c2sp.org/tlog-proof@v1" || !lines[1].startsWith("extra ") || !lines[2].startsWith("index ")) throw new Error("not a tlog-proof receipt");
  const record = b64.dec(lines[1].slice(6));
  const index = Number(lines[2].slice(6));
  const proof = lines.slice(3).filter((l) => l.length > 0).map(b64.dec);
  const note = rest.join("\n\n");
  const split = note.indexOf("\n\n");
  const text = note.slice(0, split + 1);
  const [origin, size, rootB64] = text.split("\n");
  const key = await parseVkey(logVkey);
  if (origin !== key.name) throw new Error("the receipt's checkpoint is not from this log");
  let signed = false;
  for (const line of note.slice(split + 2).split("\n")) {
    if (!line.startsWith("\u2014 " + key.name + " ")) continue;
    const blob = b64.dec(line.slice(key.name.length + 3));
    if (blob.length === 68 && blob.subarray(0, 4).every((x, i) => x === key.id[i]) && await ed.verifyAsync(blob.subarray(4), utf8.encode(text), key.key)) signed = true;
  }
  const included = await inclusionHolds(record, index, Number(size), proof, b64.dec(rootB64));
  return { index, size: Number(size), origin, record, signed, included };
}
