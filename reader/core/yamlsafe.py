"""Moved to ``reader.core.format.safe_yaml``: this old name only keeps older code working.

Issue #12 made the article format one package, ``reader.core.format``. Branches that
were in flight on the day of the move still import the old name; this module stands in
for the new one (it is the same module object, so a monkeypatch reaches the real one) and
warns. Import ``reader.core.format.safe_yaml`` instead; this file goes once no branch needs it.
"""

import sys
import warnings

import reader.core.format.safe_yaml as _moved

warnings.warn(
    "reader.core.yamlsafe moved to reader.core.format.safe_yaml", DeprecationWarning, stacklevel=2
)
sys.modules[__name__] = _moved
