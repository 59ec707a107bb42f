"""`python -m bot` runs the article-qa command line."""

import sys

from bot.cli import main

sys.exit(main())
