"""`python -m free2link_desktop` runs the same entry point as the `free2link` command."""

import sys

from free2link_desktop.app import main

sys.exit(main())
