"""`python -m benchmarks`: every benchmark in turn."""

from benchmarks import import_skp

import_skp.main()
