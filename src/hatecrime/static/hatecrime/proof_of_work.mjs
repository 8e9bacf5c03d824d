// "Send report": the page's proof-of-work (docs/adr/0551-proof-of-work.md), solved here with
// nothing fetched from anyone else. It starts as the page opens, in a Web Worker (or, where
// there is none, in short slices that leave the page responsive), so it is usually done before
// the button is pressed. If not, the send waits with a polite status message; focus is never
// moved or trapped. After WAIT_LIMIT the form is sent without a solution: the server still
// takes the report (it counts more against the address's limit), as it does with no script.
import { solveRange } from "./sha256.mjs";

const WAIT_LIMIT = 20000;
const SLICE = 2000;
const form = document.querySelector("form[data-proof-of-work]");

function inWorker(challenge) {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(form.dataset.proofOfWorkWorker, { type: "module" });
    } catch (error) {
      reject(error);
      return;
    }
    worker.onmessage = (event) => { worker.terminate(); resolve(event.data); };
    worker.onerror = (error) => { worker.terminate(); reject(error); };
    worker.postMessage(challenge);
  });
}

function inSlices(challenge) {
  return new Promise((resolve) => {
    let next = 0;
    const step = () => {
      const end = Math.min(next + SLICE, challenge.maxnumber + 1);
      const found = solveRange(challenge.salt, challenge.challenge, next, end);
      next = end;
      if (found !== null || next > challenge.maxnumber) resolve(found);
      else setTimeout(step, 0);
    };
    setTimeout(step, 0);
  });
}

if (form) {
  const challenge = JSON.parse(document.getElementById("proof-of-work-challenge").textContent);
  const field = form.querySelector("[data-proof-of-work-solution]");
  const status = form.querySelector("[data-proof-of-work-status]");
  let finished = false;
  let waiting = false;

  const send = () => {
    status.textContent = "";
    form.submit();
  };
  const finish = (number) => {
    if (finished) return;
    finished = true;
    if (number !== null) {
      const { algorithm, challenge: digest, salt, signature } = challenge;
      field.value = btoa(JSON.stringify({ algorithm, challenge: digest, number, salt, signature }));
    }
    if (waiting) send();
  };
  inWorker(challenge)
    .catch(() => inSlices(challenge))
    .then(finish, () => finish(null));

  form.addEventListener("submit", (event) => {
    if (finished) return;
    event.preventDefault();
    if (waiting) return;
    waiting = true;
    status.textContent = status.dataset.waitingMessage;
    setTimeout(() => finish(null), WAIT_LIMIT);
  });
}
