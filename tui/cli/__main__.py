"""`python -m tui.cli`: the `tradetop` command."""

import sys

from tui.cli import main

sys.exit(main())
