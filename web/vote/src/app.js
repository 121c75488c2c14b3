// The member's voting page (/vote/): enrol with a one-time code, fill in the ballot, sign and cast over gRPC-Web,
// then see — and check, in this browser — the receipt. The credential key is made here and never leaves the browser.
import * as pb from "./proto.js";
import { unary, GrpcError } from "./grpcweb.js";
import { enrollmentSeed, rollIndexOf, newSeed, publicKey, sign, checkReceipt, b64 } from "./crypto.js";

const $ = (id) => document.getElementById(id);
const show = (id) => { for (const s of ["enrol", "ballot", "receipt"]) $(s).hidden = s !== id; $(id).querySelector("h2")?.focus(); };
const status = (text, kind = "info") => { const s = $("status"); s.textContent = text; s.className = kind; };
const store = (id) => `voting-credential/${id}`;

/** What a refusal means for the member, in words; the server's own message follows. */
function explain(e, election) {
  if (!(e instanceof GrpcError)) return e.message;
  const server = e.message ? ` (server: ${e.message})` : "";
  switch (e.code) {
    case 9: return `Voting is not open for this election right now.${server}`;
    case 6: return election?.revote === "single"
      ? `You have already voted. In this election each member's first ballot is final, so it cannot be replaced.${server}`
      : `This code or key was already used.${server}`;
    case 7: return `Your code or credential was not accepted: check the code exactly as printed in your letter.${server}`;
    case 5: return `There is no election "${election?.id ?? ""}" on this server.${server}`;
    case 3: return `The ballot was refused as invalid.${server}`;
    case 14: return `The ballot server or its witnesses did not answer. If you cast a ballot, casting it again is safe: you will get the same receipt.${server}`;
    default: return `Something went wrong.${server}`;
  }
}

let election = null;

async function load() {
  const id = new URLSearchParams(location.search).get("election") ?? "";
  $("election-id").value = id;
  if (!id) { status("Enter the election id from your letter.", "info"); return; }
  try {
    election = pb.electionResponse(await unary("/voting.v1.VoterService/GetElection", pb.request.getElection(id)));
    $("title").textContent = election.title;
    if (localStorage.getItem(store(id))) { renderBallot(); show("ballot"); }
  } catch (e) { status(explain(e, { id }), "error"); }
}

async function enrol(event) {
  event.preventDefault();
  const id = $("election-id").value.trim(), code = $("code").value.trim();
  try {
    if (!election || election.id !== id) election = pb.electionResponse(await unary("/voting.v1.VoterService/GetElection", pb.request.getElection(id)));
    $("title").textContent = election.title;
    status("Making your voting key in this browser…");
    const rollIndex = rollIndexOf(code);
    const rollSeed = await enrollmentSeed(id, code.trim());
    const seed = newSeed();
    const e = { electionId: id, rollIndex, credentialKey: await publicKey(seed) };
    const body = pb.enrollment(e).finish();
    e.rollSignature = await sign("voting/v1/enrollment\n", body, rollSeed);
    e.credentialSignature = await sign("voting/v1/enrollment-credential\n", body, seed);
    await unary("/voting.v1.VoterService/Enroll", pb.request.enroll(e));
    localStorage.setItem(store(id), b64.enc(seed));
    status("You are enrolled. Your voting key is stored in this browser only.", "ok");
    renderBallot();
    show("ballot");
  } catch (err) { status(explain(err, election ?? { id }), "error"); }
}

function renderBallot() {
  const form = $("contests");
  form.replaceChildren();
  election.contests.forEach((c, k) => {
    const set = document.createElement("fieldset");
    const legend = document.createElement("legend");
    const how = { stv: `Rank the candidates in order of preference: 1 for your first choice, 2 for your second, and so on. Rank as many or as few as you like (${c.seats} seat${c.seats === 1 ? "" : "s"}).`,
      fptp: "Choose one.", referendum: "Choose one option.", block: `Choose up to ${c.maxMarks || c.seats}.`, approval: "Choose every candidate you approve of." }[c.method];
    legend.textContent = `${c.title} — ${how}`;
    set.append(legend);
    c.candidates.forEach((cand, i) => {
      const row = document.createElement("div");
      row.className = "choice";
      const inputId = `c${k}-${i}`;
      let input;
      if (c.method === "stv") {
        input = document.createElement("select");
        input.append(new Option("—", ""));
        for (let r = 1; r <= c.candidates.length; r++) input.append(new Option(String(r), String(r)));
      } else {
        input = document.createElement("input");
        input.type = c.method === "fptp" || c.method === "referendum" ? "radio" : "checkbox";
        input.name = `contest-${k}`;
      }
      input.id = inputId;
      input.dataset.contest = k;
      input.dataset.candidate = i;
      const label = document.createElement("label");
      label.htmlFor = inputId;
      label.textContent = cand.name;
      row.append(input, label);
      set.append(row);
    });
    form.append(set);
  });
}

/** The choices of each contest as candidate indices, checked as the server would (log.md §10) before anything is signed. */
function readChoices() {
  return election.contests.map((c, k) => {
    const inputs = [...document.querySelectorAll(`[data-contest="${k}"]`)];
    if (c.method === "stv") {
      const ranked = inputs.filter((x) => x.value).map((x) => ({ rank: Number(x.value), candidate: Number(x.dataset.candidate) })).sort((a, b) => a.rank - b.rank);
      ranked.forEach((r, i) => { if (r.rank !== i + 1) throw new Error(`${c.title}: use each number once, starting from 1 with no gaps (found ${ranked.map((x) => x.rank).join(", ")}).`); });
      return ranked.map((r) => r.candidate);
    }
    const marked = inputs.filter((x) => x.checked).map((x) => Number(x.dataset.candidate));
    const max = c.method === "block" ? (c.maxMarks || c.seats) : c.method === "approval" ? (c.maxMarks || c.candidates.length) : 1;
    if (marked.length > max) throw new Error(`${c.title}: at most ${max} choice${max === 1 ? "" : "s"}.`);
    return marked;
  });
}

async function cast(event) {
  event.preventDefault();
  try {
    const seed = b64.dec(localStorage.getItem(store(election.id)));
    const b = { electionId: election.id, credentialKey: await publicKey(seed), votes: readChoices(), clientNonce: crypto.getRandomValues(new Uint8Array(16)) };
    b.signature = await sign("voting/v1/ballot\n", pb.ballot(b).finish(), seed);
    status("Casting your ballot; the receipt comes once it is safely in the log…");
    const answer = pb.appendResponse(await unary("/voting.v1.VoterService/Cast", pb.request.cast(b), 60));
    const check = await checkReceipt(answer.receipt, election.logVkey);
    $("receipt-index").textContent = String(check.index);
    $("receipt-size").textContent = String(check.size);
    $("receipt-signed").textContent = check.signed ? "yes — signed by the log's key" : "NO: the log's signature does not verify";
    $("receipt-included").textContent = check.included ? "yes — the proof leads from your ballot to the signed checkpoint" : "NO: the inclusion proof fails";
    const link = $("save");
    link.href = URL.createObjectURL(new Blob([answer.receipt], { type: "text/plain" }));
    link.download = `receipt-${election.id}.txt`;
    $("receipt-text").textContent = answer.receipt;
    status(check.signed && check.included ? "Your vote is in the log, and this browser has checked the proof." : "Your ballot was recorded, but its receipt does not check: keep it and tell the scrutineers.", check.signed && check.included ? "ok" : "error");
    show("receipt");
  } catch (err) { status(explain(err, election), "error"); }
}

$("enrol-form").addEventListener("submit", enrol);
$("ballot-form").addEventListener("submit", cast);
load();
