"""Each input format yields the right text and metadata."""
from __future__ import annotations

import datetime as dt

import pytest

from chronicle.errors import InputError
from chronicle.text.formats import documents_from_input, sniff_format
from chronicle.text.plain import split_title

HTML = """<!doctype html>
<html><head>
<title>Envoys agree to meet again | The Northern Ledger</title>
<meta property="og:title" content="Envoys agree to meet again">
<meta property="og:site_name" content="The Northern Ledger">
<meta property="article:published_time" content="2025-04-02T09:30:00Z">
<meta name="author" content="Ana Petrova">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Envoys agree to meet again</h1>
<p>Envoys from Varnia and Ostrela agreed on Tuesday to meet again next month, after two days of talks
in the lakeside town of Merin that both delegations called constructive.</p>
<p>"We have narrowed our differences," the Varnian foreign minister told reporters after the session,
adding that a prisoner exchange could follow within weeks.</p>
</article>
<footer>Copyright The Northern Ledger. Subscribe today.</footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Ceasefire talks stall</title><link>https://gazette.example/a</link>
<pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Talks on a truce stalled on Sunday.&lt;/p&gt;&lt;p&gt;Both sides blamed the other.&lt;/p&gt;</description></item>
<item><title>Prisoners freed</title><link>https://gazette.example/b</link>
<pubDate>Wed, 05 Mar 2025 17:45:00 GMT</pubDate>
<description>Sixty prisoners were freed on Wednesday under a deal brokered last week.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lakeside Post</title>
<entry><title>Summit set for June</title><link href="https://post.example/summit"/><id>urn:post:1</id>
<updated>2025-05-20T10:00:00Z</updated><published>2025-05-19T10:00:00Z</published>
<content type="html">&lt;p&gt;Leaders will meet in June, officials said on Monday.&lt;/p&gt;</content></entry>
</feed>"""


@pytest.mark.parametrize(
    "text,title,body_start",
    [
        ("Talks resume\n\nNegotiators met.", "Talks resume", "Negotiators met."),
        ("Talks resume\nNegotiators met.", "Talks resume", "Negotiators met."),  # no final punctuation
        ("Will talks resume?\n\nNegotiators met.", "Will talks resume?", "Negotiators met."),  # blank line follows
        ("Negotiators met on Monday.\nThey agreed to talk.", None, "Negotiators met on Monday."),
        ("Will talks resume?\nNegotiators met.", None, "Will talks resume?"),
        ("One line only", None, "One line only"),
    ],
)
def test_plain_text_title_rule(text, title, body_start):
    got_title, body = split_title(text)
    assert got_title == title
    assert body.startswith(body_start)


def test_html_text_and_metadata():
    fmt, _, docs = documents_from_input("page.html", HTML.encode())
    assert fmt == "html"
    (doc,) = docs
    assert doc.title == "Envoys agree to meet again"
    assert doc.outlet == "The Northern Ledger"
    assert doc.published.start == dt.date(2025, 4, 2)
    assert doc.author == "Ana Petrova"
    assert "narrowed our differences" in doc.text
    assert "Subscribe" not in doc.text and "Home" not in doc.text.split()


def test_rss_one_article_per_entry_with_its_own_date_and_link():
    fmt, _, docs = documents_from_input("feed.xml", RSS.encode())
    assert fmt == "feed"
    assert [(d.title, d.published.value, d.url, d.outlet) for d in docs] == [
        ("Ceasefire talks stall", "2025-03-03", "https://gazette.example/a", "Harbour Gazette"),
        ("Prisoners freed", "2025-03-05", "https://gazette.example/b", "Harbour Gazette"),
    ]
    assert docs[0].text == "Talks on a truce stalled on Sunday.\nBoth sides blamed the other."


def test_atom_feed():
    _, _, (doc,) = documents_from_input("posts.atom", ATOM.encode())
    assert (doc.title, doc.published.value, doc.url) == ("Summit set for June", "2025-05-19", "https://post.example/summit")


def test_sniffing_without_extension():
    assert sniff_format("download", RSS.encode()) == "feed"
    assert sniff_format("download", HTML.encode()) == "html"
    assert sniff_format("download", b'{"text": "x"}\n') == "jsonl"
    assert sniff_format("notes", b"Plain words.") == "text"
    assert sniff_format("t17/InputDocs/2010-01-21/1538.htm.txt", b"<p>x") == "text"


def test_plain_text_without_body_is_an_error():
    with pytest.raises(InputError):
        documents_from_input("x.txt", b"\n\n")
