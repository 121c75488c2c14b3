// Drives the voting page in Debian's chromium (headless) through playwright-core:
// a wrong code is refused with a clear message; enrol → rank → cast → the receipt is shown and checked in the
// browser; a second cast is refused with the revote rule explained. Prints a JSON summary on stdout.
// usage: node browser.mjs BASE_URL ELECTION_ID CODE SCREENSHOT.png
import { chromium } from "playwright-core";

const [base, election, code, screenshot] = process.argv.slice(2);
const fail = (why) => { console.error(`browser test: ${why}`); process.exit(1); };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  page.on("pageerror", (e) => fail(`page error: ${e.message}`));
  await page.goto(`${base}/vote/?election=${encodeURIComponent(election)}`);
  await page.waitForFunction(() => document.getElementById("title").textContent !== "Vote");

  // A wrong code: the server refuses, the page says so in words, nothing else changes.
  const wrong = code.replace(/-(.)/, (m, c) => `-${c === "A" ? "B" : "A"}`);
  await page.fill("#code", wrong);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#status.error");
  const refusal = await page.textContent("#status");
  if (!/not accepted/.test(refusal)) fail(`wrong code message: ${refusal}`);

  // Keyboard only from here: type the code, submit with Enter.
  await page.fill("#code", "");
  await page.focus("#code");
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#ballot:not([hidden])");

  // Fill every contest: STV ranks 1..3 on the first three candidates (by keyboard), radios and checkboxes the first.
  const chosen = [];
  const contests = await page.$$("#contests fieldset");
  for (let k = 0; k < contests.length; k++) {
    const selects = await contests[k].$$("select");
    if (selects.length > 0) {
      const n = Math.min(3, selects.length);
      for (let i = 0; i < n; i++) { await selects[i].focus(); await page.keyboard.press(String(i + 1)); }
      chosen.push([...Array(n).keys()]);
    } else {
      const first = await contests[k].$("input");
      await first.focus();
      await page.keyboard.press("Space");
      chosen.push([0]);
    }
  }
  await page.click("#cast-button");
  try { await page.waitForSelector("#receipt:not([hidden])", { timeout: 30000 }); }
  catch { fail(`no receipt; the page says: ${await page.textContent("#status")}`); }
  const result = {
    index: Number(await page.textContent("#receipt-index")),
    signed: (await page.textContent("#receipt-signed")).startsWith("yes"),
    included: (await page.textContent("#receipt-included")).startsWith("yes"),
    status: await page.textContent("#status"),
    receipt: await page.textContent("#receipt-text"),
    saveName: await page.getAttribute("#save", "download"),
    chosen,
  };
  await page.screenshot({ path: screenshot, fullPage: true });

  // Casting again in a one-ballot election: refused, with the rule explained.
  await page.evaluate(() => { document.getElementById("receipt").hidden = true; document.getElementById("ballot").hidden = false; });
  await page.click("#cast-button");
  await page.waitForSelector("#status.error");
  result.second = await page.textContent("#status");
  result.external = external;
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
