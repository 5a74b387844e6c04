// The Chromium launch every page script shares (tests/browser/*_page.mjs, identify_panel.mjs):
// headless Debian Chromium (CHROMIUM, default /usr/bin/chromium) with the flags a container
// needs, plus a script's own flags; and the STEP line the Rust side reads.
import { chromium } from "playwright-core";

export const step = (s) => console.log("STEP " + s);

// Waits, in ms, sized for CI's loaded 2-core VM: a page step that takes a second on a laptop
// can take ten there while other tests build and run beside it.
export const WAIT = 30000;
export const LONG_WAIT = 90000;

export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", ...extraArgs],
  });
}
