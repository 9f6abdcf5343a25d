"""What the fork server imports once, so each set's worker starts in milliseconds, not seconds.

The objects these imports create are then frozen out of the garbage collector (`gc.freeze`):
a collection in a worker would otherwise write to every one of them, copying the server's
memory page by page into each worker.
"""

import gc

import matplotlib.figure  # noqa: F401
import reportgen.build  # noqa: F401
import reportgen.charts  # noqa: F401
import reportgen.render_docx  # noqa: F401
import reportgen.render_html  # noqa: F401
import reportgen.render_pdf  # noqa: F401

gc.freeze()
