"""Moved: the `lfjb cases` workflow is lfjb.workflows.cases (`list_cases`); its table is lfjb.terminal.

This name stays only so that branches written against it still import; import from the new homes.
"""

from lfjb.terminal import WIDE_TERMINAL, cases_table  # noqa: F401
from lfjb.workflows.cases import *  # noqa: F403
