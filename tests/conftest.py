"""Settings every test shares: Hypothesis runs the same examples on every run."""

from __future__ import annotations

from hypothesis import settings

# One seed, one result: derandomized examples, no example database, and no
# deadline, since timing on a busy two-core CI machine is not what is tested.
settings.register_profile("revsim", derandomize=True, database=None, deadline=None)
settings.load_profile("revsim")
