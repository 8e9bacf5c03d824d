// Builds the front-end assets into src/hatecrime/static/build (not committed).
// Everything is self-hosted: no CDN, no web fonts, no third-party requests.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import rtlcss from "rtlcss";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src/hatecrime/static/build");
const govuk = join(root, "node_modules/govuk-frontend/dist/govuk");

mkdirSync(join(out, "govuk"), { recursive: true });
const result = sass.compile(join(root, "assets/scss/app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), result.css);
// The same stylesheet mirrored for Arabic, Urdu and Persian pages (<html dir="rtl">): margins,
// paddings, floats, positions and arrows change sides, so radios and checkboxes sit to the
// right of their labels and the back link points right.
const rtl = rtlcss.process(result.css);
writeFileSync(join(out, "app.rtl.css"), rtl);
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk/govuk-frontend.min.js"));
cpSync(join(govuk, "assets"), join(out, "govuk/assets"), { recursive: true });
console.log(`built ${join(out, "app.css")} (${result.css.length} bytes) and app.rtl.css (${rtl.length} bytes)`);
