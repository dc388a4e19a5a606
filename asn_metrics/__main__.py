"""`python -m asn_metrics`: the command line."""

from asn_metrics.cli import main

raise SystemExit(main())
