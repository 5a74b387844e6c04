// Headless Chromium check of the bridge page's clip panel, driven by tests/e2e/bridge_page.rs.
// Env: BRIDGE_URL, BRIDGE_KEY, CLIP_FILE (a real audio file), CHROMIUM.
// Uploads the file, sees it listed, plays it in the page, sees its count go up (WebSocket) and
// its waveform drawn. Prints one line per step; exits non-zero with the reason on failure.
import { chromium } from "playwright-core";

const url = process.env.BRIDGE_URL;
const key = process.env.BRIDGE_KEY;
const step = (s) => console.log("STEP " + s);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${url}/#key=${encodeURIComponent(key)}`);
  await page.waitForFunction(() => document.getElementById("status").textContent === "live", null, { timeout: 15000 });
  step("loaded");
  await page.setInputFiles("#clip-file", process.env.CLIP_FILE);
  await page.waitForFunction(() => document.getElementById("clip-result").textContent.startsWith("added"), null, { timeout: 20000 });
  await page.waitForFunction(() => document.querySelectorAll("#clip-list tbody tr").length === 1, null, { timeout: 10000 });
  const title = await page.textContent("#clip-list tbody tr td:nth-child(2)");
  if (!title.includes("crowdcheer")) throw new Error("the listed clip is " + title);
  if ((await page.textContent(".clip-listens")) !== "0") throw new Error("a new clip has plays");
  step("uploaded-and-listed");
  await page.click("button.clip-play");
  await page.waitForFunction(() => document.getElementById("clip-audio").currentTime > 0.3, null, { timeout: 15000 });
  step("playing");
  await page.waitForFunction(() => Number(document.querySelector(".clip-listens").textContent) >= 1, null, { timeout: 10000 });
  step("count-went-up");
  await page.waitForFunction(() => document.getElementById("clip-wave").dataset.clip !== undefined, null, { timeout: 10000 });
  step("waveform");
  if (errors.length) throw new Error("page errors: " + errors.join("; "));
  step("done");
} catch (e) {
  console.log("FAIL " + (e && e.stack || e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
