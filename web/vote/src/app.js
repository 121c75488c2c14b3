// The member's voting page (/vote/): enrol with the office's code (and, on a split roll, the independent issuer's),
// fill in the ballot of one's own style, sign and cast over gRPC-Web, then see — and check, in this browser — the
// receipt; and ask, with the office's code, what was done in one's name. The credential key is made here and never
// leaves the browser; codes are used while typed and never stored.
import * as pb from "./proto.js";
import { unary, GrpcError } from "./grpcweb.js";
import { enrollmentSeed, issuerSeed, isIssuerCode, rollIndexOf, newSeed, publicKey, sign, checkReceipt, b64 } from "./crypto.js";

const $ = (id) => document.getElementById(id);
const SECTIONS = ["enrol", "ballot", "receipt"];
/** Shows one step (none for "participation", a section always shown) and moves the focus to its heading. */
const show = (id) => { for (const s of SECTIONS) $(s).hidden = s !== id; $(id).querySelector("h2")?.focus(); };
const status = (text, kind = "info") => { const s = $("status"); s.textContent = text; s.className = kind; };
const call = (method, message, timeoutSeconds) => unary(`/voting.v1.VoterService/${method}`, message, timeoutSeconds);

// ---------------------------------------------------------------- words

const utc = (ms) => new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");

function duration(seconds) {
  const [n, unit] = seconds < 120 ? [seconds, "second"] : seconds < 7200 ? [Math.round(seconds / 60), "minute"]
    : seconds < 172800 ? [Math.round(seconds / 3600), "hour"] : [Math.round(seconds / 86400), "day"];
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** How a member whose codes someone else used can have that enrollment's ballots set aside (log.md §10.1), or why they cannot. */
function disputeAdvice(phase, windowEndsMs) {
  const command = `voting member dispute --election ${election.id} --code <your office code> --issuer-code <your issuer code>`;
  const effect = "the ballots cast in your name will then not be counted.";
  if (!election.hasIssuer || election.disputeWindowSeconds === 0) return "This election takes no disputes: note what you found here and tell the scrutineers.";
  if (phase < pb.PHASE.CLOSED) return `After voting closes you can dispute it, within ${duration(election.disputeWindowSeconds)}, with the member's command-line tool: ${command} — ${effect}`;
  if (phase === pb.PHASE.CLOSED && windowEndsMs > Date.now()) return `Until ${utc(windowEndsMs)} you can dispute it with the member's command-line tool: ${command} — ${effect}`;
  return "The time for disputes has passed: note what you found here and tell the scrutineers.";
}

const impersonation = () =>
  "Your roll entry is already enrolled, with a voting key that is not in this browser. If it was not you (in another browser, " +
  "on another computer or with the voting command), someone used your codes: this is evidence of impersonation. Under " +
  "“Check participation” below, type your office code to see when it was enrolled and what was cast with it. " +
  disputeAdvice(election?.phase ?? 0, 0);

/** What each refusal (errors.md, by the row in its voting-refusal trailer) means for the member. */
const REFUSALS = {
  G1: () => `There is no election "${election?.id ?? ""}" on this server.`,
  V1: () => "Voting is not open for this election right now.",
  V2: () => "The ballot was refused as invalid.",
  V3: () => "The ballot's signature was not accepted: this browser's voting key does not match it.",
  V4: () => "This browser's voting key is not enrolled in this election.",
  V5: () => (election?.revote === "single"
    ? "You have already voted. In this election each member's first ballot is final, so it cannot be replaced."
    : "You have already voted with this ballot."),
  V6: () => "You cannot enrol now: the roll is not ready yet, or voting has closed.",
  V7: () => "There is no such roll entry: check the number at the start of your office code.",
  V8: () => "Your code was not accepted: check the office's code exactly as printed in your letter.",
  V9: impersonation,
  V11: () => "Your record is in the log, but the log's witnesses have not confirmed it yet. Doing the same again is safe: you will get the same receipt.",
  V12: () => "The second code, from the independent issuer, does not match your office code: check it exactly as printed in the issuer's letter (it begins with I-). The office's code alone cannot enrol — that is what stops anyone at the office from enrolling in your name.",
  V13: () => "The ballot marks a contest that is not on your ballot. Reload the page and try again.",
  V14: () => "The server did not accept the question: check your office code exactly as printed in your letter, and that this computer's clock is right.",
};

/** The same, for answers without a row (the transport's, or an older server's), by status code. */
function byStatus(code) {
  switch (code) {
    case 9: return "Voting is not open for this election right now.";
    case 6: return "This code or key was already used.";
    case 7: return "Your code or credential was not accepted: check the code exactly as printed in your letter.";
    case 5: return `There is no election "${election?.id ?? ""}" on this server.`;
    case 3: return "The request was refused as invalid.";
    case 14: return "The ballot server or its witnesses did not answer. If you cast a ballot, casting it again is safe: you will get the same receipt.";
    default: return "Something went wrong.";
  }
}

/** What a failure means for the member, in words; the server's own message follows. */
function explain(e) {
  if (!(e instanceof GrpcError)) return e.message;
  const server = e.message ? ` (server: ${e.message})` : "";
  return (REFUSALS[e.row]?.() ?? byStatus(e.code)) + server;
}

// ---------------------------------------------------------------- the election and the stored credential

let election = null;
/** Which of the definition's contests are on this member's ballot (their style, log.md §7.3), by contest index. */
let onBallot = [];

async function ensureElection(id) {
  if (!id) throw new Error("Enter the election id from your letter.");
  if (election?.id === id) return;
  election = pb.electionResponse(await call("GetElection", pb.request.getElection(id)));
  $("title").textContent = election.title;
  $("issuer-row").hidden = !election.hasIssuer;
}

const storeKey = (id) => `voting-credential/${id}`;

/**
 * The credential this browser holds for an election: its seed, and the roll index and ballot style learnt while the
 * codes were typed — the style cannot be asked for later without a code, and codes are never stored. An older page
 * stored the seed alone.
 */
function loadCredential(id) {
  const text = localStorage.getItem(storeKey(id));
  if (!text) return null;
  try {
    if (!text.startsWith("{")) return { seed: b64.dec(text), rollIndex: null, styleId: null };
    const c = JSON.parse(text);
    return { seed: b64.dec(c.seed), rollIndex: c.rollIndex ?? null, styleId: c.styleId ?? null };
  } catch {
    throw new Error("The voting key stored in this browser for this election is damaged: it cannot be used.");
  }
}

function saveCredential(id, c) {
  localStorage.setItem(storeKey(id), JSON.stringify({ seed: b64.enc(c.seed), rollIndex: c.rollIndex, styleId: c.styleId }));
}

/** The contests of a ballot style, by index; every contest when the election lists no styles; null for a style it does not list. */
function contestsOf(styleId) {
  if (election.styles.length === 0) return election.contests.map(() => true);
  const style = election.styles.find((s) => s.id === styleId);
  return style ? election.contests.map((c) => style.contestIds.includes(c.id)) : null;
}

async function load() {
  const id = new URLSearchParams(location.search).get("election") ?? "";
  $("election-id").value = id;
  if (!id) { status("Enter the election id from your letter.", "info"); return; }
  try {
    await ensureElection(id);
    const credential = loadCredential(id);
    if (credential) showBallot(credential);
  } catch (e) { status(explain(e), "error"); }
}

// ---------------------------------------------------------------- enrolment

/** The typed codes' keys, checked before anything is sent: the office's (with its roll index) and, on a split roll, the issuer's. */
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

/** log.md §8.6, §7.2: the office half, the credential and (on a split roll) the issuer half each sign the same body, with all three signatures empty. */
async function signedEnrollment(id, codes, seed) {
  const e = { electionId: id, rollIndex: codes.rollIndex, credentialKey: await publicKey(seed) };
  const body = pb.enrollment(e).finish();
  e.rollSignature = await sign("voting/v1/enrollment\n", body, codes.rollSeed);
  e.credentialSignature = await sign("voting/v1/enrollment-credential\n", body, seed);
  if (codes.issuerSeed) e.issuerSignature = await sign("voting/v1/enrollment-issuer\n", body, codes.issuerSeed);
  return e;
}

/** log.md §10.2: what the server says of one roll entry, asked with a signature by one of its halves. */
async function askParticipation(rollIndex, halfSeed) {
  const r = { electionId: election.id, rollIndex, issuedAtUnix: Math.floor(Date.now() / 1000) };
  r.signature = await sign("voting/v1/participation-request\n", pb.participationRequest(r).finish(), halfSeed);
  return pb.participationResponse(await call("GetParticipation", pb.request.participation(r)));
}

/**
 * The voting key of an enrolment not yet answered, kept (in memory) until one is: the server answers a repeat of an
 * identical Enroll with the same record (errors.md), so a retry after a lost answer must sign with the same key — a
 * new one would be refused as already enrolled (V9), a false alarm of impersonation.
 */
let pending = null;

function enrolmentSeed(id, rollIndex) {
  if (pending?.id !== id || pending.rollIndex !== rollIndex) pending = { id, rollIndex, seed: newSeed() };
  return pending.seed;
}

async function enrol(event) {
  event.preventDefault();
  const id = $("election-id").value.trim();
  try {
    const codes = await openCodes(id, $("code").value.trim(), $("issuer-code").value.trim());
    status("Making your voting key in this browser…");
    const seed = enrolmentSeed(id, codes.rollIndex);
    await call("Enroll", pb.request.enroll(await signedEnrollment(id, codes, seed)));
    pending = null;
    const credential = { seed, rollIndex: codes.rollIndex, styleId: null };
    saveCredential(id, credential);
    for (const field of ["code", "issuer-code"]) $(field).value = "";
    await learnStyle(credential, codes.rollSeed);
  } catch (err) { status(explain(err), "error"); }
}

/** Asks the entry's ballot style while the office code is at hand, keeps it beside the credential, and shows that ballot. */
async function learnStyle(credential, rollSeed) {
  try {
    credential.styleId = (await askParticipation(credential.rollIndex, rollSeed)).styleId;
  } catch (err) {
    status(`You are enrolled, but the page could not learn which contests are on your ballot: ${explain(err)} Type your office code under “Check participation” below to continue.`, "error");
    show("participation");
    return;
  }
  saveCredential(election.id, credential);
  status("You are enrolled. Your voting key is stored in this browser only.", "ok");
  showBallot(credential);
}

// ---------------------------------------------------------------- the ballot

function showBallot(credential) {
  const contests = contestsOf(credential.styleId);
  if (!contests) {
    status("This browser holds your voting key, but not which contests are on your ballot: type your office code under “Check participation” below, and the page will find them.", "info");
    show("participation");
    return;
  }
  onBallot = contests;
  renderBallot(credential.styleId);
  show("ballot");
}

const HOW = {
  stv: (c) => `Rank the candidates in order of preference: 1 for your first choice, 2 for your second, and so on. Rank as many or as few as you like (${c.seats} seat${c.seats === 1 ? "" : "s"}).`,
  fptp: () => "Choose one.", referendum: () => "Choose one option.",
  block: (c) => `Choose up to ${c.maxMarks || c.seats}.`, approval: () => "Choose every candidate you approve of.",
};

function renderBallot(styleId) {
  const shown = election.contests.filter((_, k) => onBallot[k]);
  $("style-note").hidden = election.styles.length === 0;
  $("style-note").textContent = `Your ballot style is “${styleId}”: ${shown.map((c) => c.title).join(", ")}. ` +
    (shown.length < election.contests.length ? "The election's other contests are for other members." : "");
  $("contests").replaceChildren(...election.contests.flatMap((c, k) => (onBallot[k] ? [contestFieldset(c, k)] : [])));
}

function contestFieldset(c, k) {
  const set = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = `${c.title} — ${HOW[c.method]?.(c) ?? ""}`;
  set.append(legend, ...c.candidates.map((cand, i) => choiceRow(c, k, cand, i)));
  return set;
}

function choiceRow(c, k, cand, i) {
  const row = document.createElement("div");
  row.className = "choice";
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
  input.id = `c${k}-${i}`;
  input.dataset.contest = k;
  input.dataset.candidate = i;
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = cand.name;
  row.append(input, label);
  return row;
}

/**
 * The choices of each contest as candidate indices, checked as the server would (log.md §10) before anything is
 * signed; a contest outside the member's style is blank, as the server requires (errors.md V13).
 */
function readChoices() {
  return election.contests.map((c, k) => (onBallot[k] ? contestChoices(c, k) : []));
}

function contestChoices(c, k) {
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
}

async function cast(event) {
  event.preventDefault();
  try {
    const seed = loadCredential(election.id).seed;
    const b = { electionId: election.id, credentialKey: await publicKey(seed), votes: readChoices(), clientNonce: crypto.getRandomValues(new Uint8Array(16)) };
    b.signature = await sign("voting/v1/ballot\n", pb.ballot(b).finish(), seed);
    status("Casting your ballot; the receipt comes once it is safely in the log…");
    const answer = pb.appendResponse(await call("Cast", pb.request.cast(b), 60));
    await showReceipt(answer.receipt);
  } catch (err) { status(explain(err), "error"); }
}

async function showReceipt(receipt) {
  const check = await checkReceipt(receipt, election.logVkey);
  $("receipt-index").textContent = String(check.index);
  $("receipt-size").textContent = String(check.size);
  $("receipt-signed").textContent = check.signed ? "yes — signed by the log's key" : "NO: the log's signature does not verify";
  $("receipt-included").textContent = check.included ? "yes — the proof leads from your ballot to the signed checkpoint" : "NO: the inclusion proof fails";
  const link = $("save");
  link.href = URL.createObjectURL(new Blob([receipt], { type: "text/plain" }));
  link.download = `receipt-${election.id}.txt`;
  $("receipt-text").textContent = receipt;
  const good = check.signed && check.included;
  status(good ? "Your vote is in the log, and this browser has checked the proof." : "Your ballot was recorded, but its receipt does not check: keep it and tell the scrutineers.", good ? "ok" : "error");
  show("receipt");
}

// ---------------------------------------------------------------- participation

const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The answer's enrollment, proven here: its receipt verifies against the log's key and its record is this entry's Enrollment. */
async function provenEnrollment(answer, rollIndex) {
  const check = await checkReceipt(answer.enrollment.receipt, election.logVkey);
  if (!check.signed || !check.included) throw new Error("The server's proof of the enrollment on your roll entry does NOT verify: keep this page open and tell the scrutineers.");
  const record = pb.enrollmentRecord(check.record);
  if (!record || record.height !== check.index || record.electionId !== election.id || record.rollIndex !== rollIndex)
    throw new Error("The server's answer names an enrollment that is not for your roll entry: keep this page open and tell the scrutineers.");
  return { ...record, index: check.index };
}

/** The facts of an answer, in plain sentences, mirroring voting member check-participation; the warning apart. */
function describe(answer, enrolled, byMe, mine, rollIndex) {
  const facts = [];
  if (answer.styleId) facts.push(`Your ballot style: ${answer.styleId}.`);
  if (!enrolled) {
    facts.push(`Your roll entry ${rollIndex} has not been enrolled: nobody has used your codes.${answer.phase < pb.PHASE.CLOSED ? " You can still enrol and vote." : ""}`);
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
  const who = mine ? "Someone else used your codes: this is evidence of impersonation."
    : "If you did not enrol (in another browser, on another computer or with the voting command), someone used your codes: this is evidence of impersonation.";
  return { facts, warning: `${who} ${disputeAdvice(answer.phase, answer.disputeWindowEndsMs)}` };
}

function ballotsFact(answer) {
  const n = answer.ballotIndexes.length;
  if (n === 0) return "No ballot has been cast with that enrollment.";
  const list = answer.ballotIndexes.map((i, k) => `record ${i} at ${utc(answer.ballotTimesMs[k])}`).join(", ");
  // The log is published only after Close and the dispute window: until then the ballots listed are the server's word.
  const unpublished = answer.phase < pb.PHASE.CLOSED || Number(answer.disputeWindowEndsMs ?? 0) > Date.now();
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
    status("Asking the ballot server about your roll entry…");
    const answer = await askParticipation(rollIndex, await enrollmentSeed(election.id, code));
    const enrolled = answer.enrollment ? await provenEnrollment(answer, rollIndex) : null;
    const mine = credentialFor(rollIndex);
    const byMe = enrolled !== null && mine !== null && sameBytes(enrolled.credentialKey, await publicKey(mine.seed));
    const described = describe(answer, enrolled, byMe, mine, rollIndex);
    renderParticipation(described);
    $("participation-code").value = "";
    status(described.warning ? "Your codes were used by someone else: read the warning under “Check participation”." : "Participation checked.", described.warning ? "error" : "ok");
    if (byMe && contestsOf(mine.styleId) === null) adoptStyle(mine, rollIndex, answer.styleId);
  } catch (err) { status(explain(err), "error"); }
}

/** This browser's credential, unless it is known to be another roll entry's (a shared computer): that one says nothing of this entry. */
function credentialFor(rollIndex) {
  const c = loadCredential(election.id);
  return c && (c.rollIndex === null || c.rollIndex === rollIndex) ? c : null;
}

/** A credential stored without its style (enrolment's question failed, or an older page) gets it from a question asked with the code. */
function adoptStyle(credential, rollIndex, styleId) {
  Object.assign(credential, { rollIndex, styleId });
  saveCredential(election.id, credential);
  showBallot(credential);
}

$("enrol-form").addEventListener("submit", enrol);
$("ballot-form").addEventListener("submit", cast);
$("participation-form").addEventListener("submit", checkParticipation);
load();
