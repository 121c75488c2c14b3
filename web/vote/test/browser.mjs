// Drives the voting page in Debian's chromium (headless) through playwright-core, on a split roll with ballot styles:
// a missing or malformed issuer code is refused before anything is sent; a wrong office code (V8) and a wrong issuer
// code (V12) are refused with clear messages; enrol with both codes → the ballot shows only the member's style → cast →
// the receipt is shown and checked in the browser; a second cast is refused with the revote rule explained; the
// participation check finds this browser's credential and the ballot; a second browser typing the same codes is told
// that this is evidence of impersonation (V9) and how to dispute. Prints a JSON summary on stdout.
// usage: node browser.mjs BASE_URL ELECTION_ID OFFICE_CODE ISSUER_CODE SCREENSHOT.png
import { chromium } from "playwright-core";

const [base, election, code, issuerCode, screenshot] = process.argv.slice(2);
const fail = (why) => { console.error(`browser test: ${why}`); process.exit(1); };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const requests = [];
const external = [];

/** A page in its own browser context (its own localStorage: another browser, as far as the page can tell). */
async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("request", (r) => { requests.push(r.url()); if (!r.url().startsWith(base)) external.push(r.url()); });
  page.on("pageerror", (e) => fail(`page error: ${e.message}`));
  await page.goto(`${base}/vote/?election=${encodeURIComponent(election)}`);
  await page.waitForFunction(() => document.getElementById("title").textContent !== "Vote");
  return page;
}

/** Empties the status line, so that waiting for an error waits for this attempt's. */
const clearStatus = (page) => page.evaluate(() => { const s = document.getElementById("status"); s.className = ""; s.textContent = ""; });

/** Types both codes by keyboard (Tab between them) and submits with Enter; the refusal's words, or null once the ballot shows. */
async function enrol(page, office, issuer) {
  await clearStatus(page);
  for (const field of ["#code", "#issuer-code"]) await page.fill(field, "");
  await page.focus("#code");
  await page.keyboard.type(office);
  await page.keyboard.press("Tab");
  await page.keyboard.type(issuer);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#status.error, #ballot:not([hidden])");
  return (await page.$("#ballot:not([hidden])")) ? null : page.textContent("#status");
}

/** A refused attempt: its message, and whether any request left the page while it was made. */
async function refused(page, office, issuer) {
  const before = requests.length;
  const message = await enrol(page, office, issuer);
  if (message === null) fail(`enrolled with office code ${office} and issuer code ${issuer}`);
  return { message, sent: requests.length - before };
}

/** Fills every contest shown: STV ranks 1..3 on the first three candidates (by keyboard), radios and checkboxes the first. */
async function fillBallot(page) {
  const chosen = [];
  for (const set of await page.$$("#contests fieldset")) {
    const contest = Number(await set.$eval("[data-contest]", (x) => x.dataset.contest));
    const selects = await set.$$("select");
    if (selects.length > 0) {
      const n = Math.min(3, selects.length);
      for (let i = 0; i < n; i++) { await selects[i].focus(); await page.keyboard.press(String(i + 1)); }
      chosen.push({ contest, choices: [...Array(n).keys()] });
    } else {
      await (await set.$("input")).focus();
      await page.keyboard.press("Space");
      chosen.push({ contest, choices: [0] });
    }
  }
  return chosen;
}

/** Asks participation with the office code; the facts listed and the warning (null when none is shown). */
async function participation(page) {
  await page.evaluate(() => { document.getElementById("participation-result").hidden = true; });
  await page.fill("#participation-code", "");
  await page.focus("#participation-code");
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
  try { await page.waitForSelector("#participation-result:not([hidden])", { timeout: 30000 }); }
  catch { fail(`no participation answer; the page says: ${await page.textContent("#status")}`); }
  return {
    facts: await page.$$eval("#participation-facts li", (items) => items.map((li) => li.textContent)),
    warning: await page.$eval("#participation-warning", (w) => (w.hidden ? null : w.textContent)),
  };
}

/** The member in their own browser: refusals, enrolment, the styled ballot, the receipt, a second cast, participation. */
async function member(page) {
  const result = { issuerShown: await page.isVisible("#issuer-code") };
  result.missingIssuer = await refused(page, code, "");
  result.malformedIssuer = await refused(page, code, code);
  result.wrongOffice = (await refused(page, code.replace(/-(.)/, (m, c) => `-${c === "A" ? "B" : "A"}`), issuerCode)).message;
  result.wrongIssuer = (await refused(page, code, issuerCode.replace(/^I-(.)/, (m, c) => `I-${c === "A" ? "B" : "A"}`))).message;
  if ((await enrol(page, code, issuerCode)) !== null) fail(`not enrolled: ${await page.textContent("#status")}`);
  result.styleNote = await page.textContent("#style-note");
  result.contests = await page.$$eval("#contests legend", (ls) => ls.map((l) => l.textContent.split(" — ")[0]));
  result.chosen = await fillBallot(page);
  await page.click("#cast-button");
  try { await page.waitForSelector("#receipt:not([hidden])", { timeout: 30000 }); }
  catch { fail(`no receipt; the page says: ${await page.textContent("#status")}`); }
  Object.assign(result, {
    index: Number(await page.textContent("#receipt-index")),
    signed: (await page.textContent("#receipt-signed")).startsWith("yes"),
    included: (await page.textContent("#receipt-included")).startsWith("yes"),
    status: await page.textContent("#status"),
    receipt: await page.textContent("#receipt-text"),
    saveName: await page.getAttribute("#save", "download"),
  });
  await page.screenshot({ path: screenshot, fullPage: true });

  // Casting again in a one-ballot election: refused, with the rule explained.
  await page.evaluate(() => { document.getElementById("receipt").hidden = true; document.getElementById("ballot").hidden = false; });
  await clearStatus(page);
  await page.click("#cast-button");
  await page.waitForSelector("#status.error");
  result.second = await page.textContent("#status");
  result.participation = await participation(page);
  return result;
}

/** Someone else, in another browser, with the same two codes: refused, and told what that means; participation warns. */
async function impostor(page) {
  const message = await enrol(page, code, issuerCode);
  if (message === null) fail("a second browser enrolled with codes already used");
  const seen = await participation(page);
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-impersonation.png"), fullPage: true });
  return { message, participation: seen };
}

try {
  const result = await member(await openPage());
  result.impostor = await impostor(await openPage());
  result.external = external;
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
