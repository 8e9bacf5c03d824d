// Solves a proof-of-work challenge off the page's thread (see proof_of_work.mjs).
import { solveRange } from "./sha256.mjs";

self.onmessage = (event) => {
  const challenge = event.data;
  self.postMessage(solveRange(challenge.salt, challenge.challenge, 0, challenge.maxnumber + 1));
};
