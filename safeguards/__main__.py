"""``python -m safeguards``.

Pydantic plugins installed in the same environment are not loaded: looking for them scans the metadata of
every installed package at start-up, and a plugin would see every value validated, the names of people
withheld from publication included. ``PYDANTIC_DISABLE_PLUGINS`` set by the user is left as it is.
"""

import os
import sys

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from safeguards.cli import main  # after the environment is set

sys.exit(main())
