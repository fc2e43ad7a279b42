"""Boilerplate stripping: what it cuts (and why), what it must never cut, and that every cut
can be put back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.text.boilerplate import classify_line, restore_text, strip_boilerplate
from chronicle.text.formats import documents_from_input


# ---- the reference and demo corpora: real sentences survive, known boilerplate goes ------------

# Every line of the two corpora that is not article prose, read by hand: the "X" close buttons
# of a share widget, a byline closing the article, and a wire credit. Nothing else may go.
EXPECTED = {
    "ukraine-calls": sorted([("X", "share")] * 3 + [("Ramin Sohrabi for TROIB News", "byline")]),
    "demo": [("(Reporting by Lena Maro; Editing by Tomas Aske)", "credit")],
}


def _stripped_lines(paths: list[Path]) -> list[tuple[str, str]]:
    out = []
    for path in paths:
        _, _, docs = documents_from_input(str(path), path.read_bytes())
        for doc in docs:
            out.extend((s.line, s.reason) for s in doc.stripped)
    return sorted(out)


def test_reference_corpus_keeps_every_sentence(ukraine):
    assert _stripped_lines(sorted(ukraine.glob("*.txt"))) == EXPECTED["ukraine-calls"]


def test_demo_corpus_keeps_every_sentence(demo_dir):
    files = sorted(p for p in demo_dir.iterdir() if p.suffix in (".txt", ".html", ".xml"))
    assert _stripped_lines(files) == EXPECTED["demo"]


def test_reference_texts_are_restored_exactly(ukraine):
    from chronicle.text.plain import parse_plain

    for path in sorted(ukraine.glob("*.txt")):
        _, _, (doc,) = documents_from_input(str(path), path.read_bytes())
        _, original = parse_plain(path.read_text(encoding="utf-8"))
        assert doc.source_text == original
        assert restore_text(doc.text, doc.stripped) == original


# ---- each kind of boilerplate the issue names ---------------------------------------------------

@pytest.mark.parametrize("line, reason", [
    ("Get the Monitor Stories you care about delivered to your inbox.", "newsletter"),
    ("Sign up for our Politics newsletter to get the latest news every morning.", "newsletter"),
    ("Subscribe now", "newsletter"),
    ("Read more: House votes to impeach Trump", "related"),
    ("Photo: Jane Doe / Reuters", "caption"),
    ("President Trump speaks in the Oval Office on Friday. (AP Photo/Evan Vucci)", "caption"),
    ("Image caption Nancy Pelosi announced the inquiry on Tuesday", "caption"),
    ("Photograph: Carl de Souza/AFP/Getty Images", "caption"),
    ("Share this article", "share"),
    ("Facebook Twitter Email", "share"),
    ("Share on Facebook", "share"),
    ("By Jane Doe, Associated Press", "byline"),
    ("BY JANE DOE AND JOHN ROE", "byline"),
    ("WASHINGTON (AP) —", "dateline"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Copyright 2019 The Associated Press. All rights reserved.", "copyright"),
    ("© 2020 Reuters", "copyright"),
    ("Click here to read the full transcript.", "click_here"),
    ("Follow us on Twitter @newsdesk", "follow_us"),
    ("This story has been updated to include comments from the White House.", "update_note"),
    ("An earlier version of this article misstated the date of the vote.", "update_note"),
    ("The Associated Press contributed to this report.", "credit"),
    ("(Reporting by Jane Doe; Editing by John Roe)", "credit"),
    ("Comments are moderated and may not appear immediately.", "comments"),
    ("Views expressed in the comments do not represent those of Reuters .", "comments"),
    ("Media playback is unsupported on your device", "caption"),
    ("Updated: 10:32 am ET, Tue March 2, 2010", "timestamp"),
    ("Last updated at 11:50 GMT", "timestamp"),
    ("March 4, 2011 at 9:12 pm | I agree with the last post, the protesters deserve our support.", "comments"),
    ("Race to find survivors in ruined Haiti - 20 hrs ago IAfrica.com Haiti : a race to survive - 21 hrs ago Yahoo !",
     "related"),
    ("Volunteers unable to head to Haiti due to lack of donations - 8 hrs ago STV .", "related"),
    ("Flood warnings issued across the valley — 45 mins ago", "related"),
    ("CNN Drugs , documents seized in doctor raid - 9 hrs ago Miami Herald Manslaughter investigation targets "
     "the doctor - 19 hrs ago Philadelphia Inquirer Officials probe the singer 's doctors in star 's death - 23 hrs "
     "ago Chicago Tribune Police search the Las Vegas home and offices of the doctor - 1 day ago", "related"),
])
def test_boilerplate_lines_are_recognised(line, reason):
    assert classify_line(line) == reason


# News sentences that use the words boilerplate uses: none may go.
@pytest.mark.parametrize("line", [
    "The newsletter, sent to 40,000 subscribers, was delivered on Monday.",
    "Copyright lawyers said the ruling would be appealed.",
    "Photos of the damage were shared widely on Facebook and Twitter.",
    "By Tuesday, the House had voted 230 to 197 to impeach the president.",
    "By Land And Sea, the evacuation went on for days, officials said.",
    "Published reports said 2019 was the warmest year on record.",
    "Updated figures show 11 people died in the blast.",
    "Share prices fell 3% on Monday after the announcement.",
    "Like many on Twitter, he mocked the plan as unworkable.",
    "The discussion was closed to reporters, a spokesman said.",
    "Public comments will be published next month, the regulator said.",
    "Reporting by the Times revealed that the call had been logged on a secret server.",
    "Subscribers to the service will be refunded, the company said.",
    "Click here, he told the jury, was the message the defendant sent.",
    "The company changed its privacy policy last year after the breach.",
    "Diplomatic Efforts for Ceasefire",
    "Research by Harvard economists shows wages rose.",
    "Follow-up talks are planned for next week in Geneva.",
    "On March 4, 2011 at 9:12 pm, the army opened fire on the crowd, witnesses said.",
    "Watch the video of the attack, which was filmed by a bystander, prosecutors told the court on Monday morning.",
    "Protest organizers hope to build on Tunisians, who 10 days ago forced the collapse of Ben Ali's rule.",
    "The second blast - 2 hours ago - shook the district again, witnesses said.",
])
def test_news_sentences_are_kept(line):
    assert classify_line(line, at_edge=True, last=False) is None


def test_related_block_goes_with_its_links_but_a_subheading_stays():
    text = "\n".join([
        "The House voted on Wednesday to impeach the president.",
        "",
        "Related stories",
        "Pelosi opens impeachment inquiry",
        "What the whistleblower complaint says",
        "",
        "Senate trial next",
        "The Senate is expected to hold a trial in January, its leader said on Thursday.",
    ])
    cleaned = strip_boilerplate(text)
    assert [(s.line, s.reason) for s in cleaned.stripped] == [
        ("Related stories", "related"), ("Pelosi opens impeachment inquiry", "related"),
        ("What the whistleblower complaint says", "related")]
    assert "Senate trial next" in cleaned.text
    assert restore_text(cleaned.text, cleaned.stripped) == text


_ARTICLE = ("The council voted on Tuesday to close the harbour bridge for repairs.\n"
            "Work is due to start in May and last eleven weeks, the council said.\n")
_THREAD = ("Another waste of our money Posted by: harbourfan | May 2, 2012 1:38 PM | Report abuse\n"
           "About time they fixed it. Posted by: kt_walker | May 2, 2012 2:05 PM | Report abuse\n"
           "Who pays for the ferry? Posted by: Old Salt | May 2, 2012 3:40 PM | Report abuse\n"
           "Nobody asked the fishermen.\n")


def test_a_readers_comment_thread_goes_from_its_first_signature_to_the_end():
    cleaned = strip_boilerplate(_ARTICLE + _THREAD)
    assert cleaned.text.rstrip("\n") == _ARTICLE.rstrip("\n")
    assert {s.reason for s in cleaned.stripped} == {"comments"}
    assert restore_text(cleaned.text, cleaned.stripped) == _ARTICLE + _THREAD


def test_two_signatures_are_no_thread_only_their_own_lines_go():
    lines = _THREAD.split("\n")
    text = _ARTICLE + "\n".join(lines[:2]) + "\n" + lines[3] + "\n"
    assert strip_boilerplate(text).text == _ARTICLE + lines[3] + "\n"  # the line rule takes the stamped posts
    blog = _ARTICLE + "The post was written by a resident who signs as harbourfan.\n"
    assert strip_boilerplate(blog).text == blog


def test_a_credit_fused_with_the_lead_loses_only_the_credit():
    text = "Photograph : Joe Raedle\\/Getty The police tape fluttering gently marks the front line .\nMore text follows here ."
    cleaned = strip_boilerplate(text)
    assert cleaned.text.startswith("The police tape fluttering")
    assert [s.reason for s in cleaned.stripped] == ["caption"]
    assert restore_text(cleaned.text, cleaned.stripped) == text


def test_a_text_that_is_all_boilerplate_is_left_whole():
    text = "Advertisement\nShare this article"
    assert strip_boilerplate(text).text == text


def test_paragraph_breaks_survive_a_cut():
    text = "First paragraph ends here.\nAdvertisement\n\nSecond paragraph starts here."
    assert strip_boilerplate(text).text == "First paragraph ends here.\n\nSecond paragraph starts here."


_LINES = st.sampled_from([
    "Talks resumed in Geneva on Monday.", "Advertisement", "Share this article", "", "",
    "By Jane Doe, Associated Press", "Related stories", "Pelosi opens impeachment inquiry",
    "The vote was 230 to 197.", "Photo: Jane Doe / Reuters", "Sign up for our newsletter",
    "Photograph: Jo Bloggs/AP The minister resigned on Friday.", "Senate trial next",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=14))
def test_cuts_are_reversible_and_leave_tidy_text(lines):
    text = "\n".join(lines).strip("\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    cleaned = strip_boilerplate(text)
    assert restore_text(cleaned.text, cleaned.stripped) == text
    assert "\n\n\n" not in cleaned.text
    if cleaned.stripped:
        assert not cleaned.text.startswith("\n") and not cleaned.text.endswith("\n")
        assert len(cleaned.text) < len(text)
    positions = [s.start_char for s in cleaned.stripped]
    assert positions == sorted(positions)
    for s in cleaned.stripped:
        assert text[s.start_char : s.start_char + len(s.text)] == s.text


# ---- every input format is cleaned --------------------------------------------------------------

BODY = ("Envoys from Varnia and Ostrela agreed on Tuesday to meet again next month.",
        "Sign up for our daily newsletter.",
        "Both delegations called the talks constructive, officials said on Wednesday.")


def _formats(tmp_path: Path) -> dict[str, Path]:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY)
    files = {
        "text": ("a.txt", "Envoys agree to meet again\n\n" + "\n".join(BODY)),
        "jsonl": ("a.jsonl", json.dumps({"title": "Envoys agree", "text": "\n".join(BODY)}) + "\n"),
        "feed": ("a.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><item>'
                          f"<title>Envoys agree</title><description><![CDATA[{paragraphs}]]></description>"
                          "</item></channel></rss>"),
        "html": ("a.html", f"<html><head><title>Envoys agree</title></head><body><article><h1>Envoys agree</h1>"
                           f"{paragraphs}</article></body></html>"),
    }
    out = {}
    for fmt, (name, content) in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        out[fmt] = tmp_path / name
    return out


@pytest.mark.parametrize("fmt", ["text", "jsonl", "feed", "html"])
def test_every_format_is_cleaned(tmp_path, fmt):
    path = _formats(tmp_path)[fmt]
    found, _, docs = documents_from_input(str(path), path.read_bytes())
    assert found == fmt
    (doc,) = docs
    assert "newsletter" not in doc.text
    assert BODY[0] in doc.text and BODY[2] in doc.text
    assert [(s.line, s.reason) for s in doc.stripped] == [(BODY[1], "newsletter")]


# Boilerplate of the outlets in a US politics pile (wire, broadcast and newspaper web pages).
@pytest.mark.parametrize("line, reason", [
    ("FILE - In this Sept. 24, 2019, file photo, House Speaker Nancy Pelosi speaks. (AP Photo/J. Scott Applewhite, File)", "caption"),
    ("Alex Wong/Getty Images", "caption"),
    ("Photo by Chip Somodevilla/Getty Images", "caption"),
    ("By signing up, you agree to our Privacy Policy.", "newsletter"),
    ("Missing out on the latest scoops? Sign up for POLITICO Playbook and get the latest news, every morning — in your inbox.", "newsletter"),
    ("CLICK HERE TO GET THE FOX NEWS APP", "click_here"),
    ("Fox News' Chad Pergram contributed to this report.", "credit"),
    ("Associated Press writers Mary Clare Jalonick and Lisa Mascaro contributed to this report.", "credit"),
    ("___", "share"),
    ("Click to share on Twitter (Opens in new window)", "share"),
    ("MORE: Trump impeachment inquiry: A timeline", "related"),
    ("This story originally appeared in Foreign Policy.", "update_note"),
    ("Follow Jane Doe on Twitter at https://twitter.com/jdoe", "follow_us"),
])
def test_politics_pile_boilerplate(line, reason):
    assert classify_line(line) == reason


def test_a_page_stamp_fused_with_the_lead_loses_only_the_stamp():
    lead = "A bodyguard testified on Monday that the doctor ordered him to clear the room ."
    for stamp in ("6 January 2011 Last updated at 04:46 GMT Help ",
                  "Page last updated at 05:32 GMT , Tuesday , 6 September 2011 06:32 UK "
                  "-LRB- an error occurred while processing this directive -RRB- ",
                  "[an error occurred while processing this directive] ",
                  "Last updated on 3:15 p.m. ET, Friday, 3 February 2012 "):
        text = stamp + lead + "\nMore text follows here ."
        cleaned = strip_boilerplate(text)
        assert cleaned.text.startswith(lead), stamp
        assert [s.reason for s in cleaned.stripped] == ["timestamp"]
        assert restore_text(cleaned.text, cleaned.stripped) == text
    # a sentence about an update keeps its words
    said = "Last updated at 9:00 GMT the figures showed 40 dead, officials said ."
    assert strip_boilerplate(said + "\nMore text follows here .").text.startswith("Last updated")


# Blog comment threads whose stamps carry no "Posted by" (shapes of BBC and CNN blogs in Timeline17;
# invented words). Each stamp alone is a news-like line; three make a thread.
_WROTE = ("At 11:35 am on 18 Jan 2010 , harbourfan wrote : The ferry is the real scandal here .\n"
          "I think the council has no plan at all .\n"
          "At 12:02 pm on 18 Jan 2010 , Old Salt wrote : Nobody asked the fishermen .\n"
          "At 1:40 pm on 18 Jan 2010 , kt_walker wrote : About time they fixed it .\n")
_PIPED = ("May 2 , 2012 at 1:38 pm | About time they fixed it .\n"
          "May 2 , 2012 at 2:05 pm | I believe the ferry will be cheaper .\n"
          "May 2 , 2012 at 3:40 pm | Who pays for the ferry ?\n")


@pytest.mark.parametrize("thread", [_WROTE, _PIPED])
def test_a_blog_thread_stamped_wrote_or_piped_is_comments(thread):
    cleaned = strip_boilerplate(_ARTICLE + thread)
    assert cleaned.text.rstrip("\n") == _ARTICLE.rstrip("\n")
    assert {s.reason for s in cleaned.stripped} == {"comments"}
    assert restore_text(cleaned.text, cleaned.stripped) == _ARTICLE + thread


def test_a_live_pages_timestamps_are_no_comment_thread():
    live = ("(Update 4:47 p.m. Cairo , 9:47 a.m. ET) The army issued a statement .\n"
            "(Update 5:10 p.m. Cairo , 10:10 a.m. ET) Protesters wrote : We will stay .\n"
            "(Update 5:30 p.m. Cairo , 10:30 a.m. ET) The curfew was extended .\n")
    assert strip_boilerplate(_ARTICLE + live).text == _ARTICLE + live
