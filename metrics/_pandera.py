"""pandera's Polars API, imported without its pandas API.

`import pandera` loads its pandas API whenever pandas is installed (pandas itself and pandera's pandas
type engine: ~0.4 s, half of a CLI command's start-up), although `pandera.polars` never uses it.
pandera supports Polars-only installs by skipping that part when pandas cannot be imported, so while
pandera is first imported, pandas is made to look absent. In the Streamlit app (several threads
import at once) nothing changes; pandas stays importable for everyone else afterwards, but pandera in
that process then validates Polars frames only (all Service Mirror asks of it).
"""

from __future__ import annotations

import importlib.abc
import sys


class _HidePandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError("No module named 'pandas'", name="pandas")
        return None


def _import():
    # only in a process that is starting up alone (a CLI command): a server imports from several
    # threads at once, and a finder that hides pandas from one thread would break another's import
    if "pandera" in sys.modules or "pandas" in sys.modules or "streamlit" in sys.modules:
        import pandera.polars

        return pandera.polars
    finder = _HidePandas()
    sys.meta_path.insert(0, finder)
    try:
        import pandera.polars
        from pandera.backends.register_checks import _load_get_backend_types_from_mro

        # pandera looks for its pandas check types on the first validation, once (cached)
        _load_get_backend_types_from_mro()
    finally:
        sys.meta_path.remove(finder)
    return pandera.polars


pa = _import()
