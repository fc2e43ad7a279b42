"""``python -m chronicle.cli``: the same as the ``chronicle`` command."""
import sys

from chronicle.cli.main import main

sys.exit(main())
