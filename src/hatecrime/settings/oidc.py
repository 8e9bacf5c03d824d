"""OpenID Connect sign-in for staff (docs/adr/0503-openid-connect-sign-in.md): off unless the
six HATECRIME_OIDC_* variables below are all set; some but not all fails start-up.

The `OIDC_*` names are mozilla-django-oidc's own settings, filled from ours.
"""

from django.core.exceptions import ImproperlyConfigured

from hatecrime.settings.env import PRODUCTION, all_or_none, env_bool, env_list, env_str

HATECRIME_OIDC_ENABLED = all_or_none(
    "OpenID Connect sign-in",
    [
        "HATECRIME_OIDC_ISSUER",
        "HATECRIME_OIDC_CLIENT_ID",
        "HATECRIME_OIDC_CLIENT_SECRET",
        "HATECRIME_OIDC_AUTHORIZATION_ENDPOINT",
        "HATECRIME_OIDC_TOKEN_ENDPOINT",
        "HATECRIME_OIDC_JWKS_ENDPOINT",
    ],
)
# The ID token's `iss` must be exactly this (the issuer of the provider's discovery document).
HATECRIME_OIDC_ISSUER = env_str("HATECRIME_OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = env_str("HATECRIME_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("HATECRIME_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("HATECRIME_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("HATECRIME_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("HATECRIME_OIDC_JWKS_ENDPOINT", "")
# Not called: who signed in is read from the signed ID token only.
OIDC_OP_USER_ENDPOINT = ""
# The button says "Sign in with <this>".
HATECRIME_OIDC_PROVIDER_NAME = env_str("HATECRIME_OIDC_PROVIDER_NAME", "your force account")
# The claim that names the person, stored on their account by an administrator (`sub`; `oid`
# for Microsoft Entra ID, which the directory shows, needs the `profile` scope too).
HATECRIME_OIDC_SUBJECT_CLAIM = env_str("HATECRIME_OIDC_SUBJECT_CLAIM", "sub")
OIDC_RP_SCOPES = env_str("HATECRIME_OIDC_SCOPES", "openid")
# Trust the provider's multi-factor sign-in instead of asking for our own code at sign-in
# (never for step-up): when its ID token's `amr` holds one of these or its `acr` is one of these.
HATECRIME_OIDC_TRUST_MFA = env_bool("HATECRIME_OIDC_TRUST_MFA", False)
HATECRIME_OIDC_MFA_AMR = env_list("HATECRIME_OIDC_MFA_AMR", ["mfa", "otp", "hwk"])
HATECRIME_OIDC_MFA_ACR = env_list("HATECRIME_OIDC_MFA_ACR", [])
# Who may still sign in with a password: "everyone", or "administrators" (break-glass, for
# when the provider is down), which needs OpenID Connect on.
HATECRIME_PASSWORD_SIGN_IN = env_str("HATECRIME_PASSWORD_SIGN_IN", "everyone")

OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"

if HATECRIME_PASSWORD_SIGN_IN not in {"everyone", "administrators"}:
    raise ImproperlyConfigured(
        "HATECRIME_PASSWORD_SIGN_IN must be everyone or administrators, "
        f"not {HATECRIME_PASSWORD_SIGN_IN!r}"
    )
if HATECRIME_PASSWORD_SIGN_IN == "administrators" and not HATECRIME_OIDC_ENABLED:
    raise ImproperlyConfigured(
        "HATECRIME_PASSWORD_SIGN_IN=administrators needs OpenID Connect sign-in configured "
        "(HATECRIME_OIDC_ISSUER...): otherwise only administrators could sign in"
    )
if HATECRIME_OIDC_TRUST_MFA and not HATECRIME_OIDC_ENABLED:
    raise ImproperlyConfigured("HATECRIME_OIDC_TRUST_MFA is set but OpenID Connect sign-in is off")
_ENDPOINTS = [
    HATECRIME_OIDC_ISSUER,
    OIDC_OP_AUTHORIZATION_ENDPOINT,
    OIDC_OP_TOKEN_ENDPOINT,
    OIDC_OP_JWKS_ENDPOINT,
]
if (
    PRODUCTION
    and HATECRIME_OIDC_ENABLED
    and not all(url.startswith("https://") for url in _ENDPOINTS)
):
    raise ImproperlyConfigured("The HATECRIME_OIDC_* addresses must use https:// in production")
