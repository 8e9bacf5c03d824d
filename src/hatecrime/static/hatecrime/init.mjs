// Starts the GOV.UK Frontend components on the page. Self-hosted: no third-party script.
import { initAll } from "/static/build/govuk/govuk-frontend.min.js";

initAll();

// "Exit this page": replace the current history entry so that Back does not return here.
document.querySelectorAll("[data-app-exit-this-page]").forEach((link) => {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    document.body.style.visibility = "hidden";
    window.location.replace(link.href);
  });
});
// Shift pressed three times in a row (within 5 seconds) also exits, as in the GOV.UK pattern.
// Only a Shift on its own counts: Shift held to type a capital letter (Shift+G) does not, and
// any other key starts the count again, so typing "Grace Testperson" never leaves the page.
// Counted on keyup, like GOV.UK Frontend's own component, so a held-down Shift counts once.
let shiftPresses = 0;
let shiftTimer = null;
let lastKeyWasModified = false;
document.addEventListener("keyup", (event) => {
  if (event.key === "Shift" && !lastKeyWasModified) {
    shiftPresses += 1;
    clearTimeout(shiftTimer);
    shiftTimer = setTimeout(() => { shiftPresses = 0; }, 5000);
    const link = document.querySelector("[data-app-exit-this-page]");
    if (shiftPresses >= 3 && link) {
      shiftPresses = 0;
      document.body.style.visibility = "hidden";
      window.location.replace(link.href);
    }
  } else {
    shiftPresses = 0;
  }
  lastKeyWasModified = event.shiftKey;
});
