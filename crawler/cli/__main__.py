"""The ``crawler`` command, run as ``python -m`` on this package."""

from crawler.cli.main import main

raise SystemExit(main())
