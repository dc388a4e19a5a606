"""`python -m benchmarks [imports|pages] [options]`: one benchmark, or both in turn (`make bench`)."""

import sys

from benchmarks import import_skp, pages

wanted = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] in ("imports", "pages") else "all"
options = sys.argv[2:] if wanted != "all" else []
if wanted in ("imports", "all"):
    sys.argv = [sys.argv[0], *options]
    import_skp.main()
if wanted in ("pages", "all"):
    pages.main(options)
