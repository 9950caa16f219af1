"""sopkit: the document model, checks and renderers of the TIP/SOM investigation SOP.

Public entry points: `load_corpus` (the model, from the working tree or a git revision) and `check`
(every pass, returning a Report).
"""

__version__ = "0.1.0"

from .load import load_corpus  # noqa: E402

__all__ = ["load_corpus", "__version__"]
