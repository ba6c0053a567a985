"""Moved: the `lfjb pack` workflow is lfjb.workflows.pack; the manifest and previous/ are lfjb.render.manifest.

This name stays only so that branches written against it still import; import from the new homes.
"""

from lfjb.render.manifest import *  # noqa: F403
from lfjb.workflows.pack import *  # noqa: F403
