"""Any text gives a valid article (that re-parses) or one clear ReaderError, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.errors import ReaderError
from reader.core.format import dump_article, parse_article
from reader.importer import import_text

_PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "«",
        "»",
        "„",
        "‘",
        "’",
        "\n",
        "\n\n",
        " ",
        ",",
        ".",
        ":",
        "(",
        ")",
        "kata",
        "katanya",
        "ujar",
        "said",
        "Menteri",
        "Presiden",
        "Budi",
        "Santoso",
        "sang",
        "pakar",
        "Foto:",
        "Photo:",
        "Hak cipta",
        "©",
        "Baca juga:",
        "Populer",
        "menurut",
        "Situs ini menggunakan kuki.",
        "Terima kuki",
        "CON",
        "../",
        "\x00",
        "\x1b[1m",
        "â€œ",
        "seorang",
        "ahli",
        "the",
        "he",
        "ia",
        "Read more",
        "- AFP",
        "dan",
        "di",
        "Dr",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=80).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_any_text_is_an_article_or_a_reader_error(text: str) -> None:
    try:
        article = import_text(text, name="prop")
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    again = parse_article(dump_article(article), "prop")
    assert again == article
