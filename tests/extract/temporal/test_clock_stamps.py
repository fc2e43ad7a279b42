"""temporal.v12-v13 (issue 13): a live page's entries open with a clock time in four digits ("1600 Ban
Ki-moon confirms ..."); read as years, they dated a day's events to 1600 (Timeline17 haiti). Invented
lines in the shape of those pages."""
from chronicle.dates import DateValue
from chronicle.extract.temporal import extract_time_expressions
from chronicle.extract.temporal.extract import clock_stamps

ANCHOR = DateValue.try_parse("2010-01-14")
LIVE = ("Aid is arriving slowly .\n"
        "1600 The UN chief confirms that 150 staff are missing .\n"
        "1602 An aircraft carrier will act as a sea base , the admiral says .\n"
        "1610 The first relief flights land in Port-au-Prince .\n"
        "In 1994 the US sent 20,000 troops to Haiti .\n")


def found(text, anchor=ANCHOR):
    return [(t.text, t.type, t.value) for t in extract_time_expressions(text, anchor=anchor)]


def test_a_live_pages_stamps_are_times_of_the_publication_day():
    got = found(LIVE)
    assert ("1600", "TIME", "2010-01-14T16:00") in got
    assert ("1610", "TIME", "2010-01-14T16:10") in got
    assert not [v for _, _, v in got if v in ("1600", "1602", "1610")]
    assert ("1994", "DATE", "1994") in got  # a year inside a sentence stays a year


def test_a_chronology_of_years_stays_years():
    text = "1979 Egypt and Israel sign a peace treaty .\n1981 Sadat is killed .\n2011 Mubarak steps down .\n"
    assert [v for _, _, v in found(text, DateValue.try_parse("2011-02-14"))] == ["1979", "1981", "2011"]
    assert clock_stamps(text, DateValue.try_parse("2011-02-14")) == frozenset()


def test_one_line_number_that_is_no_time_of_day_makes_none_of_them_clock_times():
    text = LIVE + "1789 The first census is taken .\n"
    assert clock_stamps(text, ANCHOR) == frozenset()
    assert ("1600", "DATE", "1600") in found(text)


def test_two_stamps_are_too_few_to_call_a_page_live():
    text = "1600 The UN chief speaks .\n1610 Planes land .\n"
    assert clock_stamps(text, ANCHOR) == frozenset()


# temporal v13: a stamp whose line break the page lost ("destroyed by the earthquake 1817 Meinie
# Nicolai , director of ..." between the lines stamped 1828 and 1808 of the Timeline17 haiti page).
FUSED = ("1828 Between 115 and 200 staff are still missing , a spokeswoman says .\n"
         "The UN headquarters was destroyed by the earthquake 1817 Meinie Nicolai , a doctor , says three "
         "clinics are damaged .\n"
         "1808 A search team lands .\n"
         "1802 Planes circle the airport .\n"
         "1600 The UN chief confirms that 150 staff are missing .\n")


def test_a_stamp_fused_into_the_line_before_is_a_stamp():
    got = found(FUSED)
    assert ("1817", "TIME", "2010-01-14T18:17") in got
    assert "1817" not in [v for _, _, v in got]


def test_a_year_inside_a_live_pages_line_stays_a_year():
    text = FUSED.replace("the earthquake 1817 Meinie", "the earthquake of 1817 Meinie")
    assert ("1817", "DATE", "1817") in found(text)
    # outside the run of stamps either side (1828 .. 1808): a year, not a time
    text = FUSED.replace("the earthquake 1817 Meinie", "the earthquake 1751 Meinie")
    assert ("1751", "DATE", "1751") in found(text)


# temporal.v14: "at" before four digits that are a time of day, followed by a zone, "hours", a bracket or
# the clause's end, is a clock time on any page ("The quake struck at 1653 (2153 GMT)" dated haiti's quake 1653).
def test_at_four_digits_is_a_clock_time():
    assert ("1653", "TIME", "2010-01-14T16:53") in found("The quake struck at 1653 (2153 GMT) .")
    assert ("1653", "TIME", "2010-01-14T16:53") in found("The tremor hit at 1653 .")
    assert ("1945", "TIME", "2010-01-14T19:45") in found("The first planes landed at 1945 , officials said .")
    clock = [t for t in extract_time_expressions("The tremor hit at 1653 .", anchor=ANCHOR) if t.text == "1653"]
    assert clock and "time of day" in clock[0].explain


def test_at_a_year_is_not_a_clock_time():
    for text, year in [("The treaty was signed at 1648 Westphalia .", "1648"), ("Prices fell to 1990 levels .", None),
                       ("The city was founded in 1653 .", "1653"), ("It was sold at 1500 dollars .", None),
                       ("The fort fell at 1775 's end .", None)]:
        got = found(text)
        assert not [v for _, t, v in got if t == "TIME"], (text, got)
        if year:
            assert ("DATE", year) in [(t, v) for _, t, v in got]
