// Headless Chromium check of the bridge page's copyright guard, driven by
// tests/e2e/bridge_page.rs. Env: BRIDGE_URL, BRIDGE_KEY, BRIDGE_SESSION, EXPECT_TITLE (the
// catalogue track's id), CHROMIUM. Marks the track not cleared in the catalogue table; the fake
// engine (which waits for that) reports it playing: the guard panel shows it with its clearance
// and the duck, the OBS line and the log; a click on Override releases the duck, which the
// panel shows. Prints one line per step; exits non-zero with the reason on failure.
import { launch, step, WAIT } from "./launch.mjs";

const url = process.env.BRIDGE_URL;
const key = process.env.BRIDGE_KEY;
const session = process.env.BRIDGE_SESSION;
const title = process.env.EXPECT_TITLE;

const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${url}/?session=${encodeURIComponent(session)}#key=${encodeURIComponent(key)}`);
  await page.waitForFunction(() => document.getElementById("status").textContent === "live", null, { timeout: WAIT });
  step("loaded");
  const sel = `#tracks tbody tr[data-id="${title}"] select.track-clearance`;
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.saved === "unknown", sel, { timeout: WAIT });
  await page.selectOption(sel, "not_cleared");
  await page.waitForFunction((s) => document.querySelector(s).dataset.saved === "not_cleared", sel, { timeout: WAIT });
  step("clearance-set");
  await page.waitForFunction(() => document.getElementById("guard-state").textContent.startsWith("DUCKING"), null, { timeout: WAIT });
  const heard = await page.textContent("#guard-track");
  if (!heard.includes(title) || !heard.includes("(not cleared)")) throw new Error("the panel shows the track as " + heard);
  if (await page.isDisabled("#guard-override")) throw new Error("override is disabled while ducking");
  if (!(await page.textContent("#guard-log")).includes("duck: -20 dB")) throw new Error("the log lacks the duck");
  if (!(await page.textContent("#obs-status")).startsWith("not configured")) throw new Error("OBS line: " + (await page.textContent("#obs-status")));
  step("ducking-shown");
  await page.click("#guard-override");
  await page.waitForFunction(() => document.getElementById("guard-state").textContent === "watching", null, { timeout: WAIT });
  await page.waitForFunction(() => document.getElementById("guard-log").textContent.includes("overridden by hand"), null, { timeout: WAIT });
  if (!(await page.isDisabled("#guard-override"))) throw new Error("override still enabled after the release");
  step("override-released");
  if (errors.length) throw new Error("page errors: " + errors.join("; "));
  step("done");
} catch (e) {
  console.log("FAIL " + (e && e.stack || e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
