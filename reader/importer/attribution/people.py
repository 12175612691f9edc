"""The people of one article: who they are (names, roles, nicknames) and how to find them.

:class:`Registry` holds every person the article names, indexed by name word, name
prefix and role word, and remembers who was mentioned or quoted last, so that a lookup
by a surname, a nickname or a role ("Presiden") finds the one in view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: Shortest first name a nickname is matched on ("Joko" → "Jokowi").
MIN_NICKNAME_STEM = 4


@dataclass
class Person:
    name: list[str]
    role: str | None
    first: tuple[int, int]
    role_at: tuple[int, int] | None = None
    described: bool = False  # an unnamed speaker, known only by a description
    #: Nicknames the article calls the person by ("Jokowi" for Joko Widodo), kept as
    #: aliases so that a filter by the nickname finds their quotes.
    nicknames: set[str] = field(default_factory=set)

    def has(self, words: tuple[str, ...]) -> bool:
        return holds_run(self.name, words)


def holds_run(name: Sequence[str], words: tuple[str, ...]) -> bool:
    """Do the words ``words`` stand together, in order, in ``name``? (A one-word run and
    a whole name, which most are, are answered without slicing the name at each place.)"""
    n = len(words)
    if n == 1:
        return words[0] in name
    if n == len(name):
        return tuple(name) == words
    return any(tuple(name[i : i + n]) == words for i in range(len(name) - n + 1))


class Registry:
    """The people of one article, indexed by name word, name prefix and role word so
    that every lookup touches only the people that can match (the importer stays linear
    even on a book-length paste)."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_word: dict[str, set[int]] = {}
        self._by_prefix: dict[str, set[int]] = {}
        self._by_role: dict[str, set[int]] = {}
        self._described: dict[str, int] = {}
        self._seen: dict[int, int] = {}
        self._seen_in: dict[int, int] = {}  # the paragraph each person was seen in last
        self._clock = 0

    # -- recency -------------------------------------------------------------------

    def seen(self, person: int, block: int) -> None:
        """Note that ``person`` was just mentioned or quoted, in paragraph ``block``."""
        self._clock += 1
        self._seen[person] = self._clock
        self._seen_in[person] = block

    def seen_in(self, person: int) -> int:
        """The paragraph ``person`` was last mentioned or quoted in (-1 if never)."""
        return self._seen_in.get(person, -1)

    def latest_of(
        self, gender: str, genders: Mapping[str, str], stops: frozenset[str], block: int
    ) -> int | None:
        """The person of ``gender`` mentioned or quoted last, in paragraph ``block`` or
        the one before it (a pronoun reaches no further back), if any was."""
        hits = [
            i
            for i, at in self._seen_in.items()
            if block - at <= 1 and gender_of(self.people[i], genders, stops) == gender
        ]
        return self._latest(hits) if hits else None

    def _latest(self, candidates: list[int]) -> int:
        return max(candidates, key=lambda i: (self._seen.get(i, 0), -i))

    # -- indexes -------------------------------------------------------------------

    def _index(self, i: int) -> None:
        for word in self.people[i].name:
            self._by_word.setdefault(word, set()).add(i)
            if len(word) >= MIN_NICKNAME_STEM:
                self._by_prefix.setdefault(word[:MIN_NICKNAME_STEM], set()).add(i)

    def _role(self, i: int, role: str | None, at: tuple[int, int]) -> None:
        person = self.people[i]
        if role and (person.role_at is None or at < person.role_at):
            person.role, person.role_at = role, at
            for word in role.lower().split():
                self._by_role.setdefault(word, set()).add(i)

    # -- lookups -------------------------------------------------------------------

    def find(self, words: tuple[str, ...]) -> int | None:
        """The person named by ``words`` (the one seen last if several are)."""
        candidates = self._by_word.get(words[0], set())
        hits = sorted(i for i in candidates if self.people[i].has(words))
        if not hits:
            nickname = self.nickname(words[0]) if len(words) == 1 else None
            hits = [nickname] if nickname is not None else []
        return self._latest(hits) if hits else None

    def holder(self, head: str) -> int | None:
        """The person whose role holds the word ``head`` ("Presiden"), seen last."""
        hits = sorted(i for i in self._by_role.get(head, ()) if holds(self.people[i], head))
        return self._latest(hits) if hits else None

    def add(self, words: tuple[str, ...], role: str | None, at: tuple[int, int]) -> int:
        candidates = sorted({i for w in words for i in self._by_word.get(w, ())})
        for i in candidates:
            person = self.people[i]
            if person.has(words):
                self._role(i, role, at)
                return i
            if holds_run(words, tuple(person.name)):
                person.name = list(words)
                self._index(i)
                self._role(i, role, at)
                return i
        nickname = self.nickname(words[0]) if len(words) == 1 else None
        if nickname is not None and _other_role(self.people[nickname], role):
            # "Ketua Bawaslu Agustan" is not "Agus Amri, kuasa hukum …": a different title
            # makes a different person of a name that merely starts like another.
            self.people[nickname].nicknames.discard(words[0])
            nickname = None
        if nickname is not None:
            self._role(nickname, role, at)
            return nickname
        self.people.append(Person(list(words), None, at))
        i = len(self.people) - 1
        self._index(i)
        self._role(i, role, at)
        return i

    def nickname(self, word: str) -> int | None:
        """The person a one-word nickname stands for: "Jokowi" (Joko Widodo), "Risma"
        (Tri Rismaharini) — a first name grown, or a name cut short."""
        if len(word) < MIN_NICKNAME_STEM:
            return None
        # (asked of every capitalised word the mentions pass meets: most share their
        # first letters with nobody's name)
        found = self._by_prefix.get(word[:MIN_NICKNAME_STEM])
        if not found:
            return None
        for i in sorted(found):
            person = self.people[i]
            if len(person.name) < 2:
                continue
            first = person.name[0]
            if (
                len(first) >= MIN_NICKNAME_STEM and word != first and word.startswith(first)
            ) or any(len(t) > len(word) and t.startswith(word) for t in person.name):
                person.nicknames.add(word)
                return i
        return None

    def described(self, text: str, at: tuple[int, int]) -> int:
        known = self._described.get(text)
        if known is not None:
            return known
        self.people.append(Person([text], None, at, described=True))
        self._described[text] = len(self.people) - 1
        return len(self.people) - 1


def _other_role(person: Person, role: str | None) -> bool:
    """Do ``person``'s role and ``role`` (both known) share no word?"""
    if not role or not person.role:
        return False
    return not set(role.lower().split()) & set(person.role.lower().split())


def gender_of(person: Person, genders: Mapping[str, str], stops: frozenset[str]) -> str | None:
    """The gender a person's first name or role shows ("Nancy", "spokeswoman"), if
    any. Unnamed speakers have none. Of the role only its head word counts, the last
    before the first of ``stops`` (the language's role prepositions): "a lawyer for his
    mother" shows none, "spokeswoman for the county" shows one."""
    if person.described:
        return None
    if len(person.name) > 1:
        found = genders.get(person.name[0].lower())
        if found is not None:
            return found
    head = None
    for word in (person.role or "").lower().split():
        if word in stops:
            if head is not None:
                break
            continue  # "the county treasurer": a leading article is no head
        head = word
    return None if head is None else genders.get(head.strip(".,"))


def holds(person: Person, head: str) -> bool:
    return bool(person.role) and head in (person.role or "").lower().split()
