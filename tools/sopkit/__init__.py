"""sopkit: the document model, checks and renderers of the TIP/SOM investigation SOP.

Public entry points: `load_corpus` (the model, from the working tree or a git revision) and `check`
(every pass, returning a Report).
"""

__version__ = "0.1.0"

__all__ = ["load_corpus", "__version__"]


def __getattr__(name: str):
    """`sopkit.load_corpus`, imported on first use: every `sop` command imports this package, and most of them
    (`sop diff --help`, `sop codes`, `sop verify`) never load a corpus, so they need not pay for the loader."""
    if name == "load_corpus":
        from .load import load_corpus

        return load_corpus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
