// Headless Chromium check of the bridge page's clip panel, driven by tests/e2e/bridge_page.rs.
// Env: BRIDGE_URL, BRIDGE_KEY, CLIP_FILE (a real audio file), CHROMIUM.
// Uploads the file, sees it listed, plays it in the page, sees its count go up (WebSocket) and
// its waveform drawn; fires it on air with the row's button (on the bar) and sees the (fake)
// engine's report and the on-air count. Prints one line per step; exits non-zero with the
// reason on failure.
import { launch, step, WAIT } from "./launch.mjs";

const url = process.env.BRIDGE_URL;
const key = process.env.BRIDGE_KEY;

const browser = await launch(["--autoplay-policy=no-user-gesture-required"]);
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${url}/#key=${encodeURIComponent(key)}`);
  await page.waitForFunction(() => document.getElementById("status").textContent === "live", null, { timeout: WAIT });
  step("loaded");
  await page.setInputFiles("#clip-file", process.env.CLIP_FILE);
  await page.waitForFunction(() => document.getElementById("clip-result").textContent.startsWith("added"), null, { timeout: WAIT });
  await page.waitForFunction(() => document.querySelectorAll("#clip-list tbody tr").length === 1, null, { timeout: WAIT });
  const title = await page.textContent("#clip-list tbody tr td:nth-child(2)");
  if (!title.includes("crowdcheer")) throw new Error("the listed clip is " + title);
  if ((await page.textContent(".clip-listens")) !== "0") throw new Error("a new clip has plays");
  step("uploaded-and-listed");
  await page.click("button.clip-play");
  await page.waitForFunction(() => document.getElementById("clip-audio").currentTime > 0.3, null, { timeout: WAIT });
  step("playing");
  // Seeking works (a Range request from the middle of the file, which the bridge answers 206).
  await page.waitForFunction(() => document.getElementById("clip-audio").duration > 1.5, null, { timeout: WAIT });
  await page.evaluate(() => { const a = document.getElementById("clip-audio"); a.currentTime = a.duration - 1; });
  await page.waitForFunction(() => { const a = document.getElementById("clip-audio"); return a.currentTime >= a.duration - 1 && !a.seeking; }, null, { timeout: WAIT });
  step("seeked");
  await page.waitForFunction(() => Number(document.querySelector(".clip-listens").textContent) >= 1, null, { timeout: WAIT });
  step("count-went-up");
  await page.waitForFunction(() => document.getElementById("clip-wave").dataset.clip !== undefined, null, { timeout: WAIT });
  step("waveform");
  // On air: every text the result line shows from here is kept (the engine's report may come
  // before or after the answer to the click).
  await page.evaluate(() => {
    const el = document.getElementById("clip-result");
    window.clipTexts = [];
    new MutationObserver(() => window.clipTexts.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await page.selectOption("#clip-quantize", "bar");
  await page.click("button.clip-fire");
  await page.waitForFunction(() => window.clipTexts.some((t) => t.includes("sent to 1 engine")), null, { timeout: WAIT });
  step("fired");
  await page.waitForFunction(() => window.clipTexts.some((t) => /clip on air \(engine .+, sample 96000\)/.test(t)), null, { timeout: WAIT });
  await page.waitForFunction(() => document.querySelector(".clip-on-air").textContent === "1", null, { timeout: WAIT });
  if ((await page.textContent(".clip-listens")) === "0") throw new Error("the listens count went back");
  step("on-air-reported");
  if (errors.length) throw new Error("page errors: " + errors.join("; "));
  step("done");
} catch (e) {
  console.log("FAIL " + (e && e.stack || e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
