"""Command palette providers: jump to a section or a quote, show one speaker's quotes,
copy a full citation.

Theme switching is Textual's own system command. The providers work on whatever screen
opened the palette as long as it can :class:`Navigate`; they read the article from it
and ask it to act, so the palette and the keys go through the same code.

Article text reaches the palette only as ``Content`` (hits) or escaped markup (help
lines), because Textual reads plain strings there as markup.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from functools import partial
from typing import ClassVar, Protocol, runtime_checkable

from reader.core.citation import article_citation, full_citation
from reader.core.model import Article
from reader.core.text import one_line
from reader.ui.labels import clipped
from reader.ui.palette import Command, ListedCommands
from reader.ui.text.lines import section_label

#: Longest quote excerpt shown in the palette.
EXCERPT = 70


@runtime_checkable
class Navigate(Protocol):
    """What a screen offers the palette."""

    article: Article
    untitled: str

    def go_to_section(self, section_id: str) -> None: ...

    def go_to_quote(self, quote_id: str) -> None: ...

    def filter_speaker(self, speaker_id: str | None) -> None: ...


class _ArticleProvider(ListedCommands):
    """A provider whose commands are a fixed list built from the article once."""

    @abstractmethod
    def _commands(self, screen: Navigate) -> Iterator[Command]:
        """The provider's commands: (text, action, help) for each."""

    def listed(self) -> list[tuple[Command, bool]]:
        screen = self.screen
        if not isinstance(screen, Navigate):
            return []
        return [(command, True) for command in self._commands(screen)]


class SectionCommands(_ArticleProvider):
    """Jump to a section."""

    def _commands(self, screen: Navigate) -> Iterator[Command]:
        for number, section in enumerate(screen.article.sections, start=1):
            label = section_label(section, screen.untitled)
            action = partial(screen.go_to_section, section.id)
            yield f"Section {number}: {label}", action, "Jump to this section"


class QuoteCommands(_ArticleProvider):
    """Jump to a quote, found by its words or its speaker."""

    def _commands(self, screen: Navigate) -> Iterator[Command]:
        article = screen.article
        for quote in article.quotes:
            try:
                name = one_line(article.speaker(quote.speaker).name)
            except KeyError:
                name = quote.speaker
            text = one_line(quote.text)
            yield (
                f"Quote: {name}: {clipped(text, EXCERPT)}",
                partial(screen.go_to_quote, quote.id),
                text,
            )


class SpeakerCommands(_ArticleProvider):
    """Show only one speaker's quotes in the sidebar (or everyone's again)."""

    def _commands(self, screen: Navigate) -> Iterator[Command]:
        article = screen.article
        counts = article.quote_counts(kind=None)
        for speaker in article.speakers:
            action = partial(screen.filter_speaker, speaker.id)
            count = counts.get(speaker.id, 0)
            yield (
                f"Speaker: {clipped(one_line(speaker.name))} ({count})",
                action,
                clipped(one_line(speaker.role)) if speaker.role else None,
            )
        yield "Speaker: everyone", partial(screen.filter_speaker, None), "Show all quotes"


class CitationCommands(_ArticleProvider):
    """Copy a full citation: of the article, or of one quote with its speaker."""

    def _commands(self, screen: Navigate) -> Iterator[Command]:
        article = screen.article
        yield (
            "Cite this article",
            partial(self._copy, article_citation(article), "Article citation copied"),
            "Copy “title”, source, date and URL",
        )
        for quote in article.quotes:
            try:
                name = one_line(article.speaker(quote.speaker).name)
            except KeyError:
                name = quote.speaker
            yield (
                f"Cite: {name}: {clipped(one_line(quote.text), EXCERPT)}",
                partial(self._copy, full_citation(quote, article), "Full citation copied"),
                "Copy the quote with its speaker, the article's title, source, date and URL",
            )

    def _copy(self, text: str, message: str) -> None:
        self.app.copy_to_clipboard(text)
        self.app.notify(message, title="Copied", timeout=3)


class ReaderCommands(ListedCommands):
    """Every command of the palette, from one provider, in one order that never changes.

    Textual keeps a screen's and the app's providers in a set and starts them in its
    order, which differs from one launch to the next (a class hashes by its address), so
    with a provider per kind the palette listed sections, quotes, speakers and Textual's
    own commands in a different order each time. Here they come in a fixed order: the
    article's sections, quotes, speakers and citations, then Textual's system commands
    (theme, keys, quit…) by name, as Textual's own provider lists them.
    """

    PARTS: ClassVar[tuple[type[_ArticleProvider], ...]] = (
        SectionCommands,
        QuoteCommands,
        SpeakerCommands,
        CitationCommands,
    )

    def listed(self) -> list[tuple[Command, bool]]:
        screen = self.screen
        commands: list[tuple[Command, bool]] = []
        if isinstance(screen, Navigate):
            for part in self.PARTS:
                commands.extend((command, True) for command in part(screen)._commands(screen))
        system = sorted(self.app.get_system_commands(screen), key=lambda command: command[0])
        for title, help_text, callback, discover in system:
            commands.append(((title, callback, help_text), discover))
        return commands
