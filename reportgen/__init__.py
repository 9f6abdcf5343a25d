"""reportgen: council performance workbooks into Cabinet papers (DOCX, tagged PDF, HTML).

    from reportgen import build_set, check_set, run_sets
    result = build_set(Path("inputs/cabinet-2017-06"), Path("build"))   # in this process
    for folder, result in run_sets(folders, Path("build"), jobs=2): ...  # a process pool
"""

__version__ = "0.1.0"

from reportgen.errors import Problem, ReportgenError, SetResult  # noqa: E402
from reportgen.pipeline import build_set, check_set  # noqa: E402
from reportgen.run.pool import check_sets, run_sets  # noqa: E402

__all__ = ["Problem", "ReportgenError", "SetResult", "build_set", "check_set", "check_sets",
           "run_sets", "__version__"]
