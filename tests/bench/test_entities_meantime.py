"""The MEANTIME reader and matcher of bench/entities on a CAT document written for this test."""
from __future__ import annotations

from bench.entities.meantime import b_cubed, head_match, read_doc

# Sentence 0 is the title, 1 the date line, 2-5 the annotated body; sentence 6 lies past it.
SENTENCES = [["Zorvex", "buys", "Lumo"], ["May", "1", ",", "2010"], ["The", "new", "Lumo", "4", "ships", "."],
             ["Zorvex", "said", "so", "."], ["Fine", "."], ["Done", "."], ["Zorvex", "again", "."]]
NAMED = {"1": [1], "2": [3], "3": [8, 9, 10, 11], "4": [14], "5": [22]}  # m_id -> token ids (1-based)


def _xml() -> str:
    tokens, t_id = [], 0
    for s, words in enumerate(SENTENCES):
        for w in words:
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{s}" number="{t_id - 1}">{w}</token>')
    mentions = "".join(
        f'<ENTITY_MENTION m_id="{m}" syntactic_type="NAM">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in ts) + "</ENTITY_MENTION>" for m, ts in NAMED.items())
    entities = '<ENTITY m_id="10" instance_id="ZORVEX"/><ENTITY m_id="11" instance_id="LUMO"/>'
    refers = ('<REFERS_TO r_id="1"><source m_id="1"/><source m_id="4"/><source m_id="5"/><target m_id="10"/></REFERS_TO>'
              '<REFERS_TO r_id="2"><source m_id="2"/><source m_id="3"/><target m_id="11"/></REFERS_TO>')
    return (f'<Document doc_name="t">{"".join(tokens)}<Markables>{mentions}{entities}</Markables>'
            f'<Relations>{refers}</Relations></Document>')


def test_gold_is_the_named_mentions_of_the_annotated_region(tmp_path):
    path = tmp_path / "corpus_x" / "t.xml"
    path.parent.mkdir()
    path.write_text(_xml())
    d = read_doc(path)
    spans = sorted((d.text[s:e], inst) for (s, e), inst in d.gold.items())
    assert spans == [("Lumo", "LUMO"), ("The new Lumo 4", "LUMO"), ("Zorvex", "ZORVEX"), ("Zorvex", "ZORVEX")]
    # the third Zorvex, in sentence 6, lies past the annotated region
    assert d.corpus == "corpus_x" and d.text[:d.region_end].endswith("Done .")
    phrase = next(k for k, v in d.gold.items() if d.text[k[0]:k[1]] == "The new Lumo 4")
    name = (0, phrase[0] + len("The new "), phrase[1])
    assert head_match((0, *phrase), [name, (0, phrase[0], phrase[0] + 3)], [d.text]) == name
    assert head_match((0, *phrase), [], [d.text]) is None


def test_b_cubed_perfect_and_all_singletons():
    gold = {"a": 1, "b": 1, "c": 2}
    assert b_cubed(gold, {"a": "x", "b": "x", "c": "y"}) == (1.0, 1.0, 1.0)
    p, r, f = b_cubed(gold, {"a": "1", "b": "2", "c": "3"})
    assert p == 1.0 and abs(r - (0.5 + 0.5 + 1) / 3) < 1e-9
