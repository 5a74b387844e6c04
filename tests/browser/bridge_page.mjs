// Headless Chromium check of the bridge's web page, driven by tests/e2e/bridge_page.rs.
// Env: BRIDGE_URL (http://127.0.0.1:PORT), BRIDGE_KEY, BRIDGE_SESSION, CHROMIUM (default /usr/bin/chromium).
// Prints one line per step; exits non-zero with the reason on failure.
import { launch, step, WAIT } from "./launch.mjs";

const url = process.env.BRIDGE_URL;
const key = process.env.BRIDGE_KEY;
const session = process.env.BRIDGE_SESSION || "default";

const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${url}/?session=${encodeURIComponent(session)}#key=${encodeURIComponent(key)}`);
  await page.waitForFunction(() => document.getElementById("status").textContent === "live", null, { timeout: WAIT });
  step("loaded");
  // Live data from the fake engine (OSC -> bridge -> WebSocket -> page).
  await page.waitForFunction(() => document.getElementById("mood-label").textContent === "celebration", null, { timeout: WAIT });
  await page.waitForFunction(() => document.getElementById("now-playing").textContent.includes("Test Anthem"), null, { timeout: WAIT });
  await page.waitForFunction(() => document.getElementById("xruns").textContent === "2", null, { timeout: WAIT });
  // The engine's music-bus loudness (/resonance/loudness) reaches the meter.
  await page.waitForFunction(() => document.getElementById("v-lufs").textContent.includes("-23.50 LUFS M"), null, { timeout: WAIT });
  step("live-data");
  // The style list is the presets (and the styles the engine announced), not made-up names.
  await page.waitForFunction(() => [...document.querySelectorAll("#styles option")].map(o => o.value).includes("fake-engine-style"), null, { timeout: WAIT });
  const styles = await page.evaluate(() => [...document.querySelectorAll("#styles option")].map(o => o.value));
  for (const s of ["cinematic-orchestral", "dark-ambient-dungeon", "electronic", "stadium-anthem", "tavern-folk"]) {
    if (!styles.includes(s)) throw new Error("style list lacks " + s + ": " + styles);
  }
  if (styles.includes("battle")) throw new Error("style list names a style that does not exist: " + styles);
  step("styles");
  // The key from the URL fragment is used and then removed from the address bar.
  if (page.url().includes("key=")) throw new Error("the key stayed in the URL");
  // A click on a stinger reaches the engine.
  await page.click('button.stinger[data-cue="home_goal"]');
  await page.waitForFunction(() => document.getElementById("result").textContent === "sent", null, { timeout: WAIT });
  step("stinger-clicked");
  // An unknown style is refused with the valid ones.
  await page.fill("#style", "battle");
  await page.click("#style-apply");
  await page.waitForFunction(() => document.getElementById("result").textContent.includes("valid styles"), null, { timeout: WAIT });
  if (!(await page.textContent("#result")).includes("cinematic-orchestral")) throw new Error("the refusal does not list the styles");
  step("unknown-style-refused");
  // Style control.
  await page.fill("#style", "cinematic-orchestral");
  await page.selectOption("#quantize", "beat");
  await page.click("#style-apply");
  await page.waitForFunction(() => document.getElementById("style-now").textContent === "cinematic-orchestral", null, { timeout: WAIT });
  step("style-applied");
  // The timeline shows the commands.
  await page.waitForFunction(() => document.getElementById("timeline").textContent.includes("cue home_goal"), null, { timeout: WAIT });
  step("timeline");
  // The event log shows what a person wants: crowd events, stingers, style changes, now
  // playing; the director's mood commands (several a second) are folded into one updating line.
  await page.waitForFunction(() => document.getElementById("timeline").textContent.includes("crowd: goal_roar"), null, { timeout: WAIT });
  await page.waitForFunction(() => document.getElementById("timeline").textContent.includes("now playing: Test Anthem"), null, { timeout: WAIT });
  await page.waitForFunction(() => document.getElementById("timeline").textContent.includes("style cinematic-orchestral"), null, { timeout: WAIT });
  const echoes = async () => Number(((await page.textContent("#engine-mood")).match(/\((\d+) sent\)/) || [0, 0])[1]);
  const before = await echoes();
  await page.waitForTimeout(1500);
  const after = await echoes();
  if (!(after > before && before > 0)) throw new Error(`the folded mood line does not update: ${before} -> ${after}`);
  const lines = await page.evaluate(() => [...document.querySelectorAll("#timeline li")].map(li => li.textContent));
  if (lines.some(l => l.includes("engines") && l.includes("mood"))) throw new Error("mood echoes flood the log: " + lines.join(" | "));
  if (lines.filter(l => l.includes("now playing")).length !== 1) throw new Error("now playing repeats in the log: " + lines.join(" | "));
  if (lines.length > 40) throw new Error(`the log grows by itself: ${lines.length} lines`);
  step("event-log");
  // Overlays render with a transparent background.
  const overlay = await browser.newPage();
  await overlay.goto(`${url}/overlay/now-playing?session=${encodeURIComponent(session)}`);
  await overlay.waitForFunction(() => document.getElementById("title").textContent === "Test Anthem", null, { timeout: WAIT });
  const bg = await overlay.evaluate(() => getComputedStyle(document.body).backgroundColor);
  if (bg !== "rgba(0, 0, 0, 0)") throw new Error("overlay background is not transparent: " + bg);
  step("overlay");
  if (errors.length) throw new Error("page errors: " + errors.join("; "));
  step("done");
} catch (e) {
  console.error("FAILED: " + (e && e.stack || e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
