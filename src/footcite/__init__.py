"""footcite: footnotes of scholarly writing into a clean, deduplicated, archive-aware bibliography."""

__version__ = "0.1.0"
