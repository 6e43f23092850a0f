"""The browser suite in tests/e2e runs only from the integration tier, against a served bench site."""

import os

collect_ignore = [] if os.environ.get("FOLLOWUP_E2E_SITE") else ["e2e"]
