"""``reader import URL|page.html`` and ``reader feed …`` end to end, against a local server."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest
from _local_server import Handler, LocalServer, closed_port

from reader.cli.main import main
from reader.core.format import load_article
from reader.web.subscriptions import Subscription, save

DATA = Path(__file__).resolve().parents[1] / "data"
PAGES = DATA / "pages"
FEEDS = DATA / "feeds"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private config folder (subscriptions) and article folder for the test."""
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_ARTICLES_DIR", str(tmp_path / "articles"))
    return tmp_path


def serve_site(server: LocalServer) -> None:
    """The two pages at the paths the feeds link to, and the feeds themselves."""
    id_page = (PAGES / "id-jembatan.html").read_bytes()
    en_page = (PAGES / "en-ferry.html").read_bytes()
    server.page("/article", id_page)
    server.page("/daerah/jembatan-kali-brantas-ditutup", id_page)
    server.page("/news/2026/dec/02/island-ferry-fares-double", en_page)
    server.page("/daerah/pasar-apung", "<html><body><p>gone</p></body></html>", status=500)
    for name, kind in (
        ("kabar.rss", "application/rss+xml"),
        ("herald.atom", "application/atom+xml"),
        ("warta.json", "application/feed+json"),
    ):
        body = (FEEDS / name).read_text(encoding="utf-8").replace("http://BASE", server.base)
        tag = f'"{name}-v1"'

        def feed(h: Handler, body: bytes = body.encode(), kind: str = kind, tag: str = tag) -> None:
            if h.headers.get("If-None-Match") == tag:
                h.send_response(304)
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
            h.answer(200, body, kind, {"ETag": tag})

        server.routes[f"/feeds/{name}"] = feed
    link = '<link rel="alternate" type="application/atom+xml" href="/feeds/herald.atom">'
    site = f"<html><head>{link}</head><body><p>Home</p></body></html>"
    server.page("/", site)
    link = '<link rel="alternate" type="application/feed+json" href="/feeds/warta.json">'
    server.page("/pesisir", f"<html><head>{link}</head><body><p>Pesisir</p></body></html>")


def run(*args: str) -> int:
    return main(list(args))


def one_line_errors(err: str) -> list[str]:
    lines = [line for line in err.splitlines() if line.startswith("reader: ")]
    assert "Traceback" not in err
    return lines


def check_complete(path: Path) -> None:
    """What the issue asks of every imported page, checked the way reader check reads it."""
    article = load_article(path)
    assert article.title and article.source not in ("", "unknown") and article.date
    assert article.figures and all(f.credit for f in article.figures)
    assert [s.heading for s in article.sections if s.heading]
    assert article.quotes and all(article.speaker(q.speaker).name for q in article.quotes)
    assert article.footer.copyright and article.footer.cookie is not None


def test_import_a_saved_page_and_a_gzipped_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "in" / "page.html"
    page.parent.mkdir()
    shutil.copy(PAGES / "id-jembatan.html", page)
    (tmp_path / "in" / "ferry.html.gz").write_bytes(
        gzip.compress((PAGES / "en-ferry.html").read_bytes())
    )
    out = tmp_path / "out"
    assert run("import", str(page.parent), "-o", str(out)) == 0
    written = sorted(out.glob("*.yaml"))
    assert len(written) == 2
    for path in written:
        check_complete(path)
    assert run("check", *map(str, written)) == 0


def test_import_a_url_mixed_with_files_and_failures(
    server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_site(server)
    text = tmp_path / "note.txt"
    text.write_text(
        "Judul Berita Singkat\n\nIni paragraf pertama berita yang cukup panjang.\n\n"
        "Dan ini paragraf kedua.\n"
    )
    server.page("/report.pdf", b"%PDF-1.7 not a page", "application/pdf")
    server.page("/photo", b"\x89PNG\r\n\x1a\n....", "image/png")
    server.page("/lying", b"%PDF-1.7 says html", "text/html")
    server.page("/empty", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    out = tmp_path / "out"
    code = run(
        "import",
        server.url("/article"),
        str(text),
        server.url("/report.pdf"),
        server.url("/photo"),
        server.url("/lying"),
        server.url("/empty"),
        server.url("/missing"),
        f"http://127.0.0.1:{closed_port()}/x",
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        "-o",
        str(out),
    )
    err = capsys.readouterr().err
    assert code == 1
    errors = one_line_errors(err)
    assert len(errors) == 8, err
    assert "imported 2 articles, 8 failed" in err
    article = load_article(
        out / "jembatan-kali-brantas-ditutup-sementara-warga-memutar-12-kilometer.yaml"
    )
    assert article.url == "https://kabarnusantara.example/daerah/jembatan-kali-brantas-ditutup"
    check_complete(out / f"{article.id}.yaml")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{article.id}.yaml", "judul-berita-singkat.yaml"]
    )


def test_feed_add_list_update_remove(
    server: LocalServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_site(server)
    assert run("feed", "add", server.url("/feeds/kabar.rss")) == 0
    assert run("feed", "add", server.url("/"), "--name", "herald") == 0  # found from the page
    capsys.readouterr()
    assert run("feed", "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == ["kabar-nusantara-daerah", "herald"]
    assert server.url("/feeds/herald.atom") in listed[1]

    code = run("feed", "update")
    out, err = capsys.readouterr()
    assert code == 1  # the missing page and the file:// link failed ...
    articles = home / "articles"
    written = sorted(articles.glob("*.yaml"))
    # ... the two pages and the item whose page fails but whose feed carries its text came in
    assert [p.stem for p in written] == [
        "island-ferry-fares-to-double-from-spring-council-confirms",
        "jembatan-kali-brantas-ditutup-sementara-warga-memutar-12-kilometer",
        "pasar-apung-banjarmasin-kembali-ramai",
    ]
    for path in written[:2]:
        check_complete(path)
    assert run("check", *map(str, written)) == 0
    assert len(one_line_errors(err)) == 2, err
    assert out.count(" + ") == 3
    assert server.hits["/daerah/jembatan-kali-brantas-ditutup"] == 1  # the duplicate item once
    capsys.readouterr()

    # again: the feeds that were fully dealt with answer 304, nothing is imported twice
    assert run("feed", "update", "herald") == 0
    out, _ = capsys.readouterr()
    assert "not modified" in out
    assert server.headers["/feeds/herald.atom"][-1]["If-None-Match"] == '"herald.atom-v1"'
    run("feed", "update", "kabar-nusantara-daerah")
    assert sorted(articles.glob("*.yaml")) == written
    assert server.hits["/daerah/jembatan-kali-brantas-ditutup"] == 1

    assert run("feed", "remove", "herald") == 0
    capsys.readouterr()
    run("feed", "list")
    assert "herald" not in capsys.readouterr().out
    assert run("feed", "remove", "herald") == 1


def test_a_json_feed_is_followed_like_rss(
    server: LocalServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON Feed, found from the page that links to it: the item with a page imports the
    page, the item without one imports the feed's own text (as text, never markup), the
    item listed twice comes once, and the next update is answered "not modified"."""
    serve_site(server)
    assert run("feed", "add", server.url("/pesisir")) == 0
    assert "Warta Pesisir" in capsys.readouterr().out
    assert run("feed", "update") == 0
    out, err = capsys.readouterr()
    assert not one_line_errors(err) and out.count(" + ") == 2
    written = sorted((home / "articles").glob("*.yaml"))
    assert [p.stem for p in written] == [
        "harbour-wall-repairs-finish-a-month-early",
        "island-ferry-fares-to-double-from-spring-council-confirms",
    ]
    harbour = load_article(written[0])
    speakers = {harbour.speaker(q.speaker).name for q in harbour.quotes}
    assert speakers == {"Morag Campbell", "Iain MacLeod"}
    body = " ".join(p for s in harbour.sections for p in s.paragraphs)
    assert "<script>alert(1)</script>" in body  # the feed's text is text
    assert run("feed", "update") == 0
    assert "not modified" in capsys.readouterr().out
    assert sorted((home / "articles").glob("*.yaml")) == written


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("<html><body><p>A page without a feed link</p></body></html>", "text/html"),
        (
            '<?xml version="1.0"?><rss><channel><title>x</title><item><title>a</ti',
            "application/rss+xml",
        ),
        ('<?xml version="1.0"?><catalog><book id="1"/></catalog>', "application/xml"),
        ("this is plain text, not a feed at all", "text/plain"),
        (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(9))
            + ']><rss version="2.0"><channel><title>&j;</title></channel></rss>',
            "application/rss+xml",
        ),
        ('{"name": "not a feed", "items": []}', "application/json"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": [', "application/feed+json"),
        ('{"version": "https://jsonfeed.org/version/1", "items": ' + "[" * 9_999, "text/json"),
    ],
    ids=[
        "html-without-feed",
        "malformed-xml",
        "other-xml",
        "plain-text",
        "entity-bomb",
        "json-not-a-feed",
        "malformed-json",
        "json-nested-too-deep",
    ],
)
def test_a_feed_that_is_not_a_feed_is_refused(
    server: LocalServer, home: Path, capsys: pytest.CaptureFixture[str], body: str, kind: str
) -> None:
    url = server.page("/feed", body, kind)
    assert run("feed", "add", url) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("reader: ") and "Traceback" not in err
    assert not (home / "config" / "feeds.json").exists()  # nothing half-written


def test_feed_add_refuses_other_schemes_and_unreachable_hosts(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for url in (
        "file:///etc/passwd",
        "ftp://127.0.0.1/feed",
        f"http://127.0.0.1:{closed_port()}/f",
    ):
        assert run("feed", "add", url) == 1
        assert len(capsys.readouterr().err.splitlines()) == 1
    assert not (home / "config" / "feeds.json").exists()


def test_a_feed_of_10000_items_imports_a_bounded_number_each_time(
    server: LocalServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (PAGES / "en-ferry.html").read_text(encoding="utf-8")

    @server.route("/item")
    def item(h: Handler) -> None:
        n = h.path.split("=", 1)[1]
        h.answer(200, page.replace("Island ferry fares", f"Item {n}: island ferry fares").encode())

    items = "".join(
        f"<item><title>Item {n}</title><link>{server.base}/item?n={n}</link>"
        f"<guid>g{n}</guid></item>"
        for n in range(10_000)
    )
    server.page(
        "/big.rss",
        f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>',
        "application/rss+xml",
    )
    # subscribed directly: parsing 10,000 items is the slow part, done once per update here
    save([Subscription("big", server.url("/big.rss"))])
    assert run("feed", "update", "--limit", "3") == 0
    out = capsys.readouterr().out
    assert "9997 more next time" in out
    assert len(list((home / "articles").glob("*.yaml"))) == 3
    assert run("feed", "update", "--limit", "2") == 0
    assert len(list((home / "articles").glob("*.yaml"))) == 5
    assert server.hits["/item"] == 5


def test_a_damaged_subscriptions_file_is_reported_not_replaced(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = home / "config"
    config.mkdir()
    (config / "feeds.json").write_text("{not json")
    assert run("feed", "list") == 1
    assert "damaged" in capsys.readouterr().err
    assert (config / "feeds.json").read_text() == "{not json"
    if os.name == "posix":
        assert run("feed", "add", "http://127.0.0.1:1/feed") == 1
        assert (config / "feeds.json").read_text() == "{not json"


@pytest.mark.parametrize(
    ("encoding", "header"),
    [("cp1252", "text/html; charset=utf-8"), ("utf-8", "text/html; charset=iso-8859-1")],
    ids=["cp1252-sent-as-utf8", "utf8-sent-as-latin1"],
)
def test_a_url_with_a_misdeclared_charset_imports_right(
    server: LocalServer, tmp_path: Path, encoding: str, header: str
) -> None:
    page = (PAGES / "en-ferry.html").read_text(encoding="utf-8")
    page = page.replace("Island ferry fares", "Île ferry café fares")
    url = server.page("/page", page.encode(encoding), header)
    assert run("import", url, "-o", str(tmp_path)) == 0
    (written,) = tmp_path.glob("*.yaml")
    assert load_article(written).title.startswith("Île ferry café fares")


def test_import_writes_to_the_article_folder_by_default(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder feed updates write to and the library shows (READER_ARTICLES_DIR here)."""
    monkeypatch.chdir(tmp_path)  # not the current folder
    assert run("import", str(PAGES / "en-ferry.html")) == 0
    written = list((home / "articles").glob("*.yaml"))
    assert [p.stem for p in written] == [
        "island-ferry-fares-to-double-from-spring-council-confirms"
    ]
