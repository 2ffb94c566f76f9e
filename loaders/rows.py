"""Re-export of :mod:`graph.rows` (the row contract moved there); kept for old imports."""
from graph.rows import *  # noqa: F401,F403
from graph.rows import __all__  # noqa: F401
