// Headless Chromium check of the page's Identify panel and catalogue, driven by
// tests/e2e/bridge_page.rs (identify_panel_...). The microphone is Chromium's fake device fed
// from a WAV excerpt of a catalogue track (--use-file-for-fake-audio-capture).
// Env: BRIDGE_URL, BRIDGE_KEY, MIC_WAV, EXPECT_TITLE, CHROMIUM. Prints STEP lines and RESULT json.
import { launch, step, WAIT, LONG_WAIT } from "./launch.mjs";

const url = process.env.BRIDGE_URL;
const key = process.env.BRIDGE_KEY;

const browser = await launch([
  "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
  `--use-file-for-fake-audio-capture=${process.env.MIC_WAV}%noloop`,
  "--autoplay-policy=no-user-gesture-required",
]);
try {
  const context = await browser.newContext();
  await context.grantPermissions(["microphone"], { origin: url });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => d.accept());
  await page.goto(`${url}/#key=${encodeURIComponent(key)}`);
  await page.waitForFunction(() => document.querySelectorAll("#tracks tbody tr").length === 3, null, { timeout: WAIT });
  step("catalogue-listed");
  await page.click("#identify");
  await page.waitForFunction(() => {
    const r = document.getElementById("identify-result");
    return r.dataset.title !== undefined || /error|no match|microphone|_/.test(r.textContent);
  }, null, { timeout: LONG_WAIT }); // 8 s of recording, then the match, on a loaded machine
  const result = await page.evaluate(() => {
    const r = document.getElementById("identify-result");
    return { title: r.dataset.title, position: Number(r.dataset.position), type: r.dataset.type, text: r.textContent };
  });
  console.log("RESULT " + JSON.stringify(result));
  if (result.title !== process.env.EXPECT_TITLE) throw new Error("identified " + JSON.stringify(result) + ", expected " + process.env.EXPECT_TITLE);
  step("identified");
  // Edit a title in place: the first row (newest) gets a new one.
  const cell = page.locator("#tracks tbody tr").first().locator('td[data-field="title"]');
  await cell.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Edited In The Page");
  await page.click("#track-search"); // blur: the PATCH goes out
  await page.waitForTimeout(500);
  await page.fill("#track-search", "Edited In The Page");
  await page.waitForFunction(() => document.querySelectorAll("#tracks tbody tr").length === 1, null, { timeout: WAIT });
  step("edited");
  // Remove it (the confirm dialog is accepted).
  await page.click("#tracks tbody tr button.track-remove");
  await page.waitForFunction(() => document.querySelectorAll("#tracks tbody tr").length === 0, null, { timeout: WAIT });
  step("removed");
  if (errors.length) throw new Error("page errors: " + errors.join("; "));
  step("done");
} catch (e) {
  console.log("FAIL " + (e && e.stack || e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
