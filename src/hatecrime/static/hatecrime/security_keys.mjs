// Beside django-otp-webauthn's scripts on the security key pages (ADR 0502). Loaded before
// them, from our own static files like them.

// Their messages go through a global `gettext` (Django's JavaScript catalogue, which we do not
// serve: staff pages are in English). Ours gives them in the words the rest of the service uses.
const WORDS = {
  "Registering...": "Waiting for your security key…",
  "Finishing registration...": "Saving your security key…",
  "Registration successful!": "Your security key is set up",
  "Registration aborted.": "Setting up the key was stopped. Try again.",
  "Registration aborted or not allowed.":
    "Setting up the key was cancelled or took too long. Try again.",
  "Registration failed. You most likely already have a Passkey registered for this site.":
    "This key is already set up for your account.",
  "Registration failed. The server was unable to verify this passkey.":
    "That security key was not accepted. Try again, or use another key.",
  "Verifying...": "Waiting for your security key…",
  "Finishing verification...": "Checking your security key…",
  "Verification successful!": "Your security key was accepted",
  "Verification aborted.": "Using the key was stopped. Try again.",
  "Verification canceled or not allowed.":
    "Using the key was cancelled or took too long. Try again.",
};
if (typeof window.gettext !== "function") {
  window.gettext = (text) => WORDS[text] || text;
}

// A new key: go where the server says (the page that names it). The library's script only
// reports the success.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const next = event.detail && event.detail.response && event.detail.response.redirect_url;
  if (typeof next === "string" && next.startsWith("/staff/")) {
    window.location.assign(next);
  }
});
