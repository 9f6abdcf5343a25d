"""reportgen: council performance workbooks into Cabinet papers (DOCX, tagged PDF, HTML).

    from reportgen import build_set, check_set, run_sets
    result = build_set(Path("inputs/cabinet-2017-06"), Path("build"))   # in this process
    for folder, result in run_sets(folders, Path("build"), jobs=2): ...  # a process pool

The names are imported when first used: the command (`console`) starts, and can be stopped
with Ctrl-C, before any library is.
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {"Problem": "reportgen.errors", "ReportgenError": "reportgen.errors",
            "SetResult": "reportgen.errors", "build_set": "reportgen.pipeline",
            "check_set": "reportgen.pipeline", "check_sets": "reportgen.run.pool",
            "run_sets": "reportgen.run.pool"}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str):
    """Import `name` from its module on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
