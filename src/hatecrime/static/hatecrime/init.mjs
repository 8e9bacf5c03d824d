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
document.addEventListener("keydown", (() => {
  let presses = 0;
  let timer = null;
  return (event) => {
    if (event.key !== "Shift") return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(() => { presses = 0; }, 5000);
    const link = document.querySelector("[data-app-exit-this-page]");
    if (presses >= 3 && link) {
      document.body.style.visibility = "hidden";
      window.location.replace(link.href);
    }
  };
})());
