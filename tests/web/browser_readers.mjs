// Issue 14, «the web, for the people who read it», in a real browser
// (Debian's headless Chromium through playwright-core, axe-core on each
// page): the objective x reporter-type table on a 390 px phone, and the
// action form's notice after a save.
// Usage: node browser_readers.mjs   (PMM = the pmm binary)
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const PMM = process.env.PMM;
if (!PMM) { console.log("PMM is not set"); process.exit(2); }

let passed = 0, failed = 0;
const dir = mkdtempSync(path.join(tmpdir(), "pmm-readers-"));
const db = path.join(dir, "t.db");
execFileSync(PMM, ["--db", db, "demo"], { stdio: "ignore" });
const server = spawn(PMM, ["--db", db, "serve", "--listen", "127.0.0.1", "--port", "0"],
                     { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve, reject) => {
  let buf = "";
  server.stdout.on("data", (d) => {
    buf += d;
    const m = buf.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
  server.on("exit", (c) => reject(new Error("pmm serve exited " + c)));
});
const stopServer = () => { try { server.kill("SIGTERM"); } catch { /* gone */ } };
process.on("unhandledRejection", (e) => { console.log("not ok - " + (e.stack || e)); stopServer(); process.exit(1); });
setTimeout(() => { console.log("not ok - timed out"); stopServer(); process.exit(1); }, 5 * 60 * 1000).unref();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok ${passed + failed} - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok ${passed + failed} - ${name}\n  ${String(e.stack || e).replace(/\n/g, "\n  ")}`);
  }
}

async function axe(page, key) {
  await page.evaluate(AXE);
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length) throw new Error(`axe on ${key}: ` + bad.map((v) => v.id).join(", "));
}

await check("on a 390 px phone the objective x type table keeps its labels and counts in view", async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await ctx.newPage();
  await phone.goto(base + "/ediciones/2024");
  await axe(phone, "/ediciones/2024 (phone)");
  const m = await phone.evaluate(() => {
    const scroll = document.querySelector(".grid").closest(".scroll");
    const label = () => document.querySelector(".grid tbody th[scope=row]").getBoundingClientRect();
    const first = label();
    const num = document.querySelector(".grid tbody td.num").getBoundingClientRect();
    scroll.scrollLeft = scroll.scrollWidth;                     // the last reporter type in view
    const after = label();
    const last = document.querySelector(".grid tbody tr td:last-child").getBoundingClientRect();
    return { width: innerWidth, page: document.documentElement.scrollWidth, labelWidth: first.width,
             numRight: num.right, afterLeft: after.left, afterRight: after.right, lastRight: last.right,
             fontPx: parseFloat(getComputedStyle(document.querySelector(".grid tbody th")).fontSize) };
  });
  if (m.page > m.width) throw new Error(`the page is ${m.page}px wide in ${m.width}px`);
  // the label column leaves room for the counts: the total is visible beside it
  if (m.labelWidth > m.width * 0.5) throw new Error(`the label column takes ${m.labelWidth}px of ${m.width}`);
  if (m.numRight > m.width) throw new Error(`the total ends at ${m.numRight}px, off screen`);
  // scrolled to the last column, each row still says which objective it is
  if (m.afterLeft < 0 || m.afterRight > m.width) throw new Error(`label off screen after scrolling: ${JSON.stringify(m)}`);
  if (m.lastRight > m.width + 1) throw new Error(`the last column is not reachable: ${JSON.stringify(m)}`);
  if (m.fontPx < 12) throw new Error(`text ${m.fontPx}px is too small to read`);
  await ctx.close();
});

await check("a save says it was saved, once, and the form says what its buttons do", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base + "/entrar");
  await page.fill("#usuario", "enlace.inm");
  await page.fill("#contrasena", "demo-enlace-2024");
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
  await page.goto(base + "/acciones/nueva");
  const hint = await page.textContent("#guardar-ayuda");
  if (!hint.includes("Guardar conserva")) throw new Error("no help for Guardar: " + hint);
  await page.selectOption("#edicion", "2025");
  await page.selectOption("#objetivo_principal", "3");
  await page.fill("#nombre", "Acción del navegador");
  await Promise.all([page.waitForNavigation(), page.click("main form button[type=submit]:text('Guardar')")]);
  const notice = await page.textContent("[role=status]#aviso");
  if (!notice.includes("Cambios guardados")) throw new Error("no notice: " + notice);
  await axe(page, "/acciones/ID after a save");
  await page.reload();
  if (await page.isVisible("#aviso")) throw new Error("the notice is shown again on reload");
  await ctx.close();
});

await browser.close();
server.kill("SIGTERM");
await new Promise((r) => server.on("exit", r));
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
