// Headless Chromium check of the bridge page's discovery section, driven by
// tests/e2e/bridge_page.rs against fakes of ListenBrainz, MusicBrainz and slskd.
// Env: BRIDGE_URL, BRIDGE_KEY, CHROMIUM.
// Runs lb-fetch from the page, sees the proposal (cover, score, why), approves it, sees it on
// the wishlist, runs the downloader until the (fake) download is complete. One line per step;
// exits non-zero with the reason on failure.
import { launch, step, WAIT, LONG_WAIT } from "./launch.mjs";

const url = process.env.BRIDGE_URL;
const key = process.env.BRIDGE_KEY;

const browser = await launch();
const runNow = (page, job) => page.evaluate((job) => {
  for (const row of document.querySelectorAll("#disc-jobs .row")) {
    if (row.querySelector("b").textContent === job) {
      const b = row.querySelector("button");
      if (b.disabled) return false;
      b.click();
      return true;
    }
  }
  return false;
}, job);
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${url}/#key=${encodeURIComponent(key)}`);
  await page.waitForFunction(() => document.getElementById("status").textContent === "live", null, { timeout: WAIT });
  await page.waitForFunction(() => document.querySelectorAll("#disc-jobs .row").length === 3, null, { timeout: WAIT });
  step("loaded");
  if (!(await runNow(page, "lb-fetch"))) throw new Error("no run-now button for lb-fetch");
  await page.waitForFunction(() => document.querySelectorAll("#disc-queue tbody tr").length === 1, null, { timeout: WAIT });
  const row = await page.textContent("#disc-queue tbody tr");
  if (!row.includes("Ay — Great Album (1997)") || !row.includes("recommended by ListenBrainz")) throw new Error("the proposal reads " + row);
  const cover = await page.getAttribute("#disc-queue tbody tr img", "src");
  if (!cover.includes("/release-group/rg-a/front-250")) throw new Error("cover " + cover);
  await page.waitForFunction(() => document.getElementById("disc-log").textContent.includes("proposed Ay"), null, { timeout: WAIT });
  step("proposal-shown");
  await page.click("#disc-queue tbody tr button");
  await page.waitForFunction(() => [...document.querySelectorAll("#disc-wish li")].some((li) => li.textContent.includes("Great Album")), null, { timeout: WAIT });
  await page.waitForFunction(() => document.querySelectorAll("#disc-queue tbody tr").length === 0, null, { timeout: WAIT });
  step("approved-on-wishlist");
  const t0 = Date.now();
  for (;;) {
    const done = await page.evaluate(() => [...document.querySelectorAll("#disc-dl li")].some((li) => li.textContent.includes("downloaded")));
    if (done) break;
    if (Date.now() - t0 > LONG_WAIT) throw new Error("no completed download: " + await page.textContent("#disc-dl"));
    await runNow(page, "slskd-downloader");
    await page.waitForTimeout(700);
  }
  const bar = await page.evaluate(() => { const p = document.querySelector("#disc-dl li progress"); return [p.value, p.max]; });
  if (bar[0] !== bar[1]) throw new Error("progress " + bar);
  step("downloaded");
  if (errors.length) throw new Error("page errors: " + errors.join("; "));
  step("done");
} catch (e) {
  console.log("FAIL " + (e && e.stack || e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
