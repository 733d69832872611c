"""Where the shared corpus of real definition files is: ``../shared/corpus``.

CI lays ``shared/`` beside the repository; REVSIM_CORPUS points elsewhere.
Tests that need a file skip, saying so, when the corpus is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("REVSIM_CORPUS", REPOSITORY.parent / "shared" / "corpus"))
SALESFORCE_CORPUS = CORPUS / "salesforce"
HUBSPOT_CORPUS = CORPUS / "hubspot"
