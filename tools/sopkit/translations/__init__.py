"""Translations that stay in step with their source: which source text each translated section follows
(lock.py), its state per chapter, section and language (status.py), and recording a translation as up to date
(mark.py)."""
