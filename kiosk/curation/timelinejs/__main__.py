"""`python -m kiosk.curation.timelinejs --zh zh.json --en en.json OUT_DIR`."""

import sys

from kiosk.curation.timelinejs.cli import main

sys.exit(main())
