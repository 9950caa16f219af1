"""Suggested changes (CriticMarkup, suggestions.py) shown on the site's pages as pymdownx.critic shows them in its
view mode: an insertion as `<ins class="critic">`, a deletion as `<del class="critic">`, a substitution as both, a
highlight as `<mark class="critic">`, a comment as `<span class="critic comment">` holding its words as text. Two
differences: a space between the deleted and the inserted words of a substitution (the search index, which drops
the tags, would read `mayshall` as one word), and comments are left out of the search (`data-search-exclude`).

pymdownx.critic finds the markers itself, in the whole text: code blocks and `code` too, and it pairs an opening
marker with any later closing one. Here the suggestions are the ones `sop check` reports (suggestions.find_
suggestions: never in code, `\\{++` literal, an opening marker without its end left as text), so the page shows
what the check names. The words of a suggestion of several lines are marked line by line, inside their blocks
(suggestions.marked_lines): an inserted paragraph, list item or heading stays one.

Listed in mkdocs.yml's `markdown_extensions` as `sopkit.site.suggested` (Python-Markdown imports the module and
calls makeExtension); the styles are in overrides/assets/stylesheets/content.css.

Example:
    >>> import markdown
    >>> markdown.markdown("A {~~b~>c~~} `{++d++}`", extensions=[makeExtension()])
    '<p>A <del class="critic">b</del> <ins class="critic">c</ins> <code>{++d++}</code></p>'
"""

from __future__ import annotations

from pymdownx.critic import CriticExtension, CriticViewPreprocessor

from ..suggestions import Kind, marked_lines, rendered

_TAGS = {Kind.DELETION: "del", Kind.INSERTION: "ins", Kind.HIGHLIGHT: "mark"}


class _SuggestionView(CriticViewPreprocessor):
    """pymdownx.critic's view, given the suggestions sopkit finds."""

    def run(self, lines: list[str]) -> list[str]:
        return rendered("\n".join(lines), self._marked, self._comment, between=" ").split("\n")

    def _marked(self, kind: Kind, words: str, at_line_start: bool) -> str:
        tag = _TAGS[kind]
        if not words.strip():  # a paragraph break inserted or deleted: pymdownx's mark for it
            return getattr(self, f"_{tag}")(words)
        store = self.critic_stash.store
        return marked_lines(words, store(f'<{tag} class="critic">'), store(f"</{tag}>"), at_line_start)

    def _comment(self, words: str) -> str:
        """A comment as pymdownx shows it, left out of the site's search: a drafter's note, not the SOP's text."""
        return self.critic_stash.store('<span class="critic comment" data-search-exclude>'
                                       f'{self.html_escape(words, strip_nl=True)}</span>')


class SuggestionsExtension(CriticExtension):
    """pymdownx.critic in view mode, with sopkit's reading of where suggestions are."""

    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        view = _SuggestionView(self.critic_stash)
        view.config = self.getConfigs()
        md.preprocessors.register(view, "critic", 31.1)  # in place of pymdownx's own, at its priority


def makeExtension(**kwargs) -> SuggestionsExtension:  # noqa: N802 - the name Python-Markdown calls
    return SuggestionsExtension(**kwargs)
