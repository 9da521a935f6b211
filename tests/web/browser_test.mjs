// The whole workflow in a real browser (Debian's headless Chromium driven
// by playwright-core), with axe-core checking every page it visits:
// an enlace logs in, creates an action, submits it; a coordinator returns
// it; the enlace fixes it; the coordinator validates it; the administrator
// publishes the edition; the public dashboard's count changes.
// Usage: node browser_test.mjs   (PMM = the pmm binary)
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
const dir = mkdtempSync(path.join(tmpdir(), "pmm-browser-"));
const db = path.join(dir, "t.db");
execFileSync(PMM, ["--db", db, "demo"], { stdio: "ignore" });

const server = spawn(PMM, ["--db", db, "serve", "--listen", "127.0.0.1", "--port", "0",
                           "--access-log", path.join(dir, "access.log")],
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

// Whatever happens, the server does not outlive the test.
const stopServer = () => { try { server.kill("SIGTERM"); } catch { /* gone */ } };
process.on("uncaughtException", (e) => { console.log("not ok - " + (e.stack || e)); stopServer(); process.exit(1); });
process.on("unhandledRejection", (e) => { console.log("not ok - " + (e.stack || e)); stopServer(); process.exit(1); });
setTimeout(() => { console.log("not ok - timed out"); stopServer(); process.exit(1); }, 15 * 60 * 1000).unref();

// playwright gives each launch a fresh, temporary --user-data-dir itself.
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

function eq(got, want, what) {
  if (got !== want) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// A browser user: a context of its own; CSP violations and page errors fail.
async function user(options = {}) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  page.problems = [];
  // a 4xx answer (the form with errors is a 422) is logged too: not a problem
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) page.problems.push(m.text());
  });
  page.on("pageerror", (e) => page.problems.push(String(e)));
  page.on("dialog", (d) => d.accept());
  return page;
}

const axeSeen = new Set();
async function axe(page, label) {
  const key = label || new URL(page.url()).pathname;
  await page.evaluate(AXE);                       // DevTools evaluation: not subject to the CSP
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeSeen.add(key);
  if (bad.length) {
    throw new Error(`axe on ${key}: ` + bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3)
      .map((n) => n.target.join(" ")).join(", ")}`).join("; "));
  }
  if (page.problems.length) throw new Error(`console errors on ${key}: ${page.problems.join(" | ")}`);
}

async function login(page, who, password) {
  await page.goto(base + "/entrar");
  await axe(page, "/entrar");
  await page.fill("#usuario", who);
  await page.fill("#contrasena", password);
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
  eq(new URL(page.url()).pathname, "/panel", `${who} lands on the panel`);
  await axe(page, "/panel " + who);
}

async function dashboardCount(page, edition) {
  const r = await page.goto(`${base}/ediciones/${edition}`);
  if (r.status() !== 200) return null;
  return Number(await page.textContent(".totals dd a"));
}

const pub = await user(), enlace = await user(), coord = await user(), admin = await user();
let actionUrl;

await check("axe-core finds a violation where there is one", async () => {
  const p = await user();
  await p.setContent('<html lang="es"><body><main><input id="x"><img src="a.png"></main></body></html>');
  await p.evaluate(AXE);
  const res = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const ids = res.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => v.id);
  if (!ids.includes("label") || !ids.includes("image-alt")) throw new Error("axe missed: " + ids.join(","));
  await p.context().close();
});

await check("the public dashboard and pages pass axe", async () => {
  eq(await dashboardCount(pub, "2024"), 379, "2024 count");
  await axe(pub, "/ediciones/2024");
  for (const p of ["/", "/acciones", "/acciones?edicion=2024&q=salud&objetivo=15", "/objetivos", "/glosario",
                   "/descargas", "/ediciones", "/descargas/diccionario",   // issue 14: the data dictionary
                   "/principios", "/buenas-practicas"]) {   // issue 13 (G13)
    await pub.goto(base + p);
    await axe(pub, p);
  }
  await pub.goto(base + "/acciones?edicion=2024");
  await pub.click("table.list tbody tr:first-child a");
  await axe(pub, "/acciones/ID public");
  eq(await dashboardCount(pub, "2025"), null, "2025 is not public yet");
});

await check("on a phone nothing scrolls sideways; the report shows its phone charts", async () => {
  const phone = await user({ viewport: { width: 390, height: 844 } });
  for (const p of ["/ediciones/2024", "/acciones?edicion=2024", "/descargas/2024/informe.html"]) {
    await phone.goto(base + p);
    const [sw, iw] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (sw > iw) throw new Error(`${p}: page is ${sw}px wide in a ${iw}px screen`);
  }
  eq(await phone.isVisible("#grafica-objetivos-movil"), true, "phone chart shown");
  eq(await phone.isVisible("#grafica-objetivos"), false, "wide chart hidden");
  await phone.setViewportSize({ width: 1200, height: 900 });
  eq(await phone.isVisible("#grafica-objetivos"), true, "wide chart on a wide screen");
  eq(await phone.isVisible("#grafica-objetivos-movil"), false, "phone chart hidden on a wide screen");
  await phone.context().close();
});

await check("JavaScript improves the filters: choosing one applies it", async () => {
  await pub.goto(base + "/acciones?edicion=2024");
  await Promise.all([pub.waitForNavigation(), pub.selectOption("#f-objetivo", "7")]);
  eq(new URL(pub.url()).searchParams.get("objetivo"), "7", "objective in the URL");
  eq(Number(await pub.getAttribute("#total", "data-total")), 46, "actions of objective 7");
});

await check("an enlace logs in, creates an action and submits it", async () => {
  await login(enlace, "enlace.inm", "demo-enlace-2024");
  await enlace.click("text=Registrar una acción");
  await axe(enlace, "/acciones/nueva");
  // server-side validation first: nothing typed but the results
  await enlace.fill("#resultados", "Se atendió a 250 personas");
  await enlace.click("form.action-form button[type=submit]");
  await enlace.waitForSelector("#err-nombre");
  eq(await enlace.inputValue("#resultados"), "Se atendió a 250 personas", "typed text kept");
  await axe(enlace, "/acciones/nueva with errors");
  await enlace.fill("#nombre", "Módulo de orientación en Tapachula");
  await enlace.fill("#descripcion", "Orientación a personas migrantes sobre trámites migratorios.");
  await enlace.selectOption("#objetivo_principal", "3");   // the principal is chosen on its own
  await enlace.check('input[name=tipo_accion][value="1"]');
  await enlace.check('input[name=poblacion][value="1"]');
  await enlace.check('input[name=enfoque_genero][value="si"]');
  await enlace.check('input[name=discapacidad][value="no"]');   // issue 11: submitting asks for it
  await enlace.fill("#beneficiarios", "250");
  await enlace.fill("#reto-0", "Falta de personal que hable lenguas indígenas");
  await enlace.selectOption("#cat-0", { label: "Barreras culturales y de idioma" });
  await Promise.all([enlace.waitForNavigation(), enlace.click("form.action-form button[type=submit]")]);
  actionUrl = enlace.url();
  eq(await enlace.textContent("#status"), "Borrador", "state");
  await axe(enlace, "/acciones/ID enlace");
  await Promise.all([enlace.waitForNavigation(), enlace.click("text=Enviar a revisión")]);
  eq(await enlace.textContent("#status"), "Enviada", "state after submit");
});

await check("a coordinator returns it with a comment", async () => {
  await login(coord, "coordinador", "demo-coordinador-2024");
  await coord.click(`a[href="${new URL(actionUrl).pathname}"]`);
  await axe(coord, "/acciones/ID coordinator");
  await coord.fill("#comentario", "Indique también el objetivo 15 (servicios básicos).");
  await Promise.all([coord.waitForNavigation(), coord.click("form.return button")]);
  eq(await coord.textContent("#status"), "Devuelta", "state");
});

await check("the enlace sees the comment, fixes the action and submits it again", async () => {
  await enlace.goto(actionUrl);
  eq((await enlace.textContent("#comment")).trim(), "Indique también el objetivo 15 (servicios básicos).", "comment");
  await enlace.click("text=Editar");
  await axe(enlace, "/acciones/ID/editar");
  eq(await enlace.inputValue("#nombre"), "Módulo de orientación en Tapachula", "form filled");
  await enlace.check('input[name=objetivos][value="15"]');
  await Promise.all([enlace.waitForNavigation(), enlace.click("form.action-form button[type=submit]")]);
  await Promise.all([enlace.waitForNavigation(), enlace.click("text=Enviar a revisión")]);
  eq(await enlace.textContent("#status"), "Enviada", "state");
});

await check("the coordinator validates it; the audit log shows each step", async () => {
  await coord.goto(actionUrl);
  await Promise.all([coord.waitForNavigation(), coord.click("text=Validar")]);
  eq(await coord.textContent("#status"), "Validada", "state");
  const steps = await coord.$$eval("table.audit tbody tr td:nth-child(3)", (tds) => tds.map((t) => t.textContent));
  eq(steps.join(","), "crear,enviar,devolver,editar,enviar,validar", "audit");
  await axe(coord, "/acciones/ID with audit log");
});

await check("the administrator publishes the edition; the public dashboard's count changes", async () => {
  await login(admin, "admin", "demo-admin-2024");
  await admin.goto(base + "/admin");
  await axe(admin, "/admin");
  await admin.selectOption("#st-2025", "publicada");
  await Promise.all([admin.waitForNavigation(), admin.click("#st-2025 ~ button")]);
  const state = (await admin.textContent("#estado-2025")).trim();
  // F14B: the date in the locale, as on every page (docs/web.md)
  if (!/^Publicada \(revisión 1, \d{1,2} de \S+ de \d{4}\)$/.test(state)) throw new Error("state: " + state);
  eq(await dashboardCount(pub, "2025"), 1, "public count of 2025");
  await pub.goto(base + "/");
  eq(Number(await pub.textContent(".totals dd a")), 1, "home shows the newest published edition");
  await pub.goto(actionUrl);
  eq(await pub.textContent("#status"), "Validada", "the public reads the action");
});

await check("the administrator edits the catalogs; the pages pass axe", async () => {
  await admin.goto(base + "/admin");
  await Promise.all([admin.waitForNavigation(), admin.click('a[href="/admin/catalogos"]')]);
  await axe(admin, "/admin/catalogos");
  await Promise.all([admin.waitForNavigation(), admin.click('a[href="/admin/catalogos/instituciones"]')]);
  await axe(admin, "/admin/catalogos/instituciones");
  await Promise.all([admin.waitForNavigation(), admin.click('a[href="/admin/catalogos/instituciones/nueva"]')]);
  await axe(admin, "/admin/catalogos/instituciones/nueva");
  await admin.fill("#c-nombre", "Instituto de Prueba del Navegador");
  await Promise.all([admin.waitForNavigation(), admin.click("form.catalog-form button[type=submit]")]);
  await admin.waitForSelector("#err-siglas");
  eq(await admin.inputValue("#c-nombre"), "Instituto de Prueba del Navegador", "typed text kept");
  await axe(admin, "/admin/catalogos/instituciones/nueva with errors");
  await admin.fill("#c-siglas", "IPNAV");
  await admin.fill("#c-alias", "Navegador");
  await Promise.all([admin.waitForNavigation(), admin.click("form.catalog-form button[type=submit]")]);
  eq(new URL(admin.url()).pathname, "/admin/catalogos/instituciones", "back to the list");
  await admin.goto(base + "/admin/catalogos/categorias");
  await axe(admin, "/admin/catalogos/categorias");
  await Promise.all([admin.waitForNavigation(), admin.click("table.list tbody tr:first-child a")]);
  await axe(admin, "/admin/catalogos/categorias/ID");
  await admin.fill("#c-definicion", "Definición escrita desde el navegador.");
  await Promise.all([admin.waitForNavigation(), admin.click("form.catalog-form button[type=submit]")]);
  await pub.goto(base + "/glosario");
  if (!(await pub.textContent("main")).includes("Definición escrita desde el navegador.")) {
    throw new Error("the glossary does not show the new definition");
  }
});

// Issue 11: a whole campaign in the browser.
const ED = "2026";
const deadline = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
let campaignUrl;

await check("campaign: the administrator creates an edition with its period and deadline", async () => {
  await admin.goto(base + "/admin");
  await admin.fill("#ne-nombre", ED);
  await admin.fill("#ne-desde", "2026-01");
  await admin.fill("#ne-hasta", "2026-12");
  await admin.fill("#ne-limite", deadline);
  await Promise.all([admin.waitForNavigation(), admin.click("form.edition-form button[type=submit]")]);
  eq(new URL(admin.url()).pathname, "/admin", "back to the administration");
  await axe(admin, "/admin with the campaign forms");
});

await check("campaign: the enlace downloads the template and uploads it filled", async () => {
  await enlace.goto(base + "/panel");
  const [download] = await Promise.all([enlace.waitForEvent("download"), enlace.click('a[href="/plantilla"]')]);
  eq(download.suggestedFilename(), "plantilla-INM-2026.xlsx", "the template's name");
  await enlace.goto(base + "/plantilla/subir");
  await axe(enlace, "/plantilla/subir");
  const file = path.join(dir, "llena.xlsx");
  execFileSync("python3", ["-c", `
import sys; sys.path.insert(0, ${JSON.stringify(path.join(path.dirname(new URL(import.meta.url).pathname), "..", "cli"))})
import xlsxmini
head = ["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion", "poblacion",
        "enfoque_genero", "discapacidad", "beneficiarios", "resultados"]
xlsxmini.write(${JSON.stringify(file)}, [("Acciones", [head, ["NAV-1", "INM", "7", "Ferias de empleo",
    "Ferias en Tapachula", "Apoyo en trámites", "extranjeros", "Sí", "No", "80", "80 personas"]])])
`]);
  await enlace.setInputFiles("#archivo", file);
  await Promise.all([enlace.waitForNavigation(), enlace.click("form.upload button[type=submit]")]);
  eq(await enlace.getAttribute("#upload-done", "data-created"), "1", "one draft created");
  await axe(enlace, "/plantilla/subir done");
  await Promise.all([enlace.waitForNavigation(), enlace.click("#upload-done a")]);
  await Promise.all([enlace.waitForNavigation(), enlace.click("text=Ferias de empleo")]);
  campaignUrl = enlace.url();
  eq(await enlace.textContent("#status"), "Borrador", "a draft");
  await Promise.all([enlace.waitForNavigation(), enlace.click("text=Enviar a revisión")]);
  eq(await enlace.textContent("#status"), "Enviada", "submitted");
});

await check("campaign: the coordinator sees the board, returns the action; the enlace fixes it", async () => {
  await coord.goto(`${base}/campana/${ED}`);
  await axe(coord, "/campana/E");
  eq(await coord.getAttribute("#days-left", "data-days"), "3", "days left");
  eq(await coord.getAttribute('tr[data-siglas="SRE"]', "class"), "late", "a body that did not report is late");
  await coord.goto(campaignUrl);
  await coord.fill("#comentario", "Indique el municipio.");
  await Promise.all([coord.waitForNavigation(), coord.click("form.return button")]);
  await enlace.goto(campaignUrl);
  await enlace.click("text=Editar");
  await enlace.fill("#descripcion", "Ferias en Tapachula, Chiapas.");
  await Promise.all([enlace.waitForNavigation(), enlace.click("form.action-form button[type=submit]")]);
  await Promise.all([enlace.waitForNavigation(), enlace.click("text=Enviar a revisión")]);
  eq(await enlace.textContent("#status"), "Enviada", "resubmitted");
});

await check("campaign: validated with its review thread; the administrator publishes", async () => {
  await coord.goto(campaignUrl);
  await Promise.all([coord.waitForNavigation(), coord.click("text=Validar")]);
  eq(await coord.textContent("#status"), "Validada", "validated");
  const steps = await coord.$$eval("#thread li", (lis) => lis.map((l) => l.className));
  eq(steps.join(","), "step-enviar,step-devolver,step-enviar,step-validar", "the thread");
  if (!(await coord.textContent("#thread")).includes("Indique el municipio.")) throw new Error("comment not in thread");
  await axe(coord, "/acciones/ID with the review thread");
  await admin.goto(base + "/admin");
  await admin.selectOption(`#st-${ED}`, "publicada");
  await Promise.all([admin.waitForNavigation(), admin.click(`#st-${ED} ~ button`)]);
  eq(await dashboardCount(pub, ED), 1, "public count of the new edition");
});

// issue 11 (helper MAIL): the forgotten-password, change-password and outbox pages
await check("the password pages and the outbox pass axe", async () => {
  await pub.goto(base + "/entrar");
  await Promise.all([pub.waitForNavigation(), pub.click("#olvido")]);
  await axe(pub, "/contrasena/olvido");
  await pub.fill("#quien", "enlace.inm");
  await Promise.all([pub.waitForNavigation(), pub.click("main button[type=submit]")]);
  await axe(pub, "/contrasena/olvido (answered)");
  await coord.goto(base + "/cuenta/contrasena");
  await axe(coord, "/cuenta/contrasena");
  await coord.fill("#actual", "no-es-la-actual");
  await coord.fill("#nueva", "otra-clave-12345");
  await coord.fill("#nueva2", "otra-clave-12345");
  await Promise.all([coord.waitForNavigation(), coord.click("main button[type=submit]")]);
  await coord.waitForSelector(".errors");
  await axe(coord, "/cuenta/contrasena with an error");
  await admin.goto(base + "/admin/correo");
  if (!(await admin.textContent("#outbox")).includes("Cambio de contraseña en pmm")) {
    throw new Error("the outbox does not list the password mail");
  }
  await axe(admin, "/admin/correo");
});

await browser.close();
server.kill("SIGTERM");
const code = await new Promise((r) => server.on("exit", (c) => r(c)));
await check("the server stops cleanly on SIGTERM", async () => eq(code, 0, "exit code"));
console.log(`axe-core checked ${axeSeen.size} pages`);
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
