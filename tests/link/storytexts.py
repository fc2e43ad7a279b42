"""Two invented stories for the story-clustering tests, interleaved in time (written for these tests).

VOLCANO: Mount Orsk erupts in the invented state of Veltria; ash, evacuations, aid, a return home.
STRIKE: dock workers strike at the invented port of Ostmark; talks, a court ruling, a deal.
Each article is (key, date, title, text). Their publication days interleave.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

VOLCANO = [
    ("v1", "2025-10-02", "Mount Orsk erupts, ash cloud over Veltria",
     "Mount Orsk erupted before dawn on Thursday, sending a column of ash eight kilometres over Veltria. "
     "Villages on the volcano's eastern slopes were ordered to evacuate, and the Veltrian civil defence agency "
     "said lava was flowing toward the Dravo valley. Flights into Kasimir airport were suspended as the ash "
     "cloud drifted north."),
    ("v2", "2025-10-03", "Thousands evacuated as lava reaches Dravo valley",
     "Lava from Mount Orsk reached the Dravo valley on Friday, and more than 12,000 villagers were evacuated "
     "to shelters in Kasimir. Veltria's interior minister Anja Reszel said the eruption was the strongest in "
     "forty years. Volcanologists warned that the ash column could collapse into pyroclastic flows."),
    ("v3", "2025-10-05", "Ash closes Kasimir airport for third day",
     "Kasimir airport stayed closed for a third day as ash from Mount Orsk fell across Veltria. The civil "
     "defence agency handed out masks in the evacuated villages, and volcanologists said the eruption showed "
     "no sign of slowing. Lava has buried two farms in the Dravo valley."),
    ("v4", "2025-10-07", "Aid reaches Orsk evacuees in Kasimir shelters",
     "The first aid convoys reached the shelters in Kasimir where evacuees from the Mount Orsk villages have "
     "slept since the eruption. Anja Reszel said Veltria would rebuild the farms the lava destroyed in the Dravo "
     "valley. Ash still falls on the volcano's eastern slopes."),
    ("v5", "2025-10-09", "Orsk eruption eases, evacuees told they may go home",
     "Volcanologists said the Mount Orsk eruption had eased, with the ash column falling to two kilometres, "
     "and Veltria's civil defence agency told evacuees from the Dravo valley they may return home next week. "
     "Kasimir airport reopened to flights on Thursday."),
    ("v6", "2025-10-11", "Dravo valley villagers return to ash-covered homes",
     "Villagers evacuated from the slopes of Mount Orsk returned to homes covered in grey ash. Anja Reszel "
     "toured the Dravo valley and promised Veltria's aid for farms the lava had buried. The volcano's eruption, "
     "volcanologists said, is over for now."),
]

STRIKE = [
    ("s1", "2025-10-01", "Ostmark dock workers walk out over pay",
     "Dock workers at the port of Ostmark walked out on Wednesday after talks on pay broke down, leaving "
     "container ships waiting offshore. The dockers' union, led by Tomas Hallberg, wants a nine percent rise; "
     "the port authority offered four percent and called the strike unlawful."),
    ("s2", "2025-10-04", "Container ships queue as Ostmark strike holds",
     "Forty container ships were queuing outside Ostmark on Saturday as the dockers' strike entered its fourth "
     "day. Tomas Hallberg told a rally at the port gates that the union would not return to the cranes for four "
     "percent. Shipping lines began diverting cargo to other ports."),
    ("s3", "2025-10-06", "Port authority takes Ostmark union to court",
     "The Ostmark port authority asked the labour court to declare the dockers' strike unlawful, saying the "
     "union had not balloted its members. Union leader Tomas Hallberg called the case an attack on workers. "
     "Container traffic through the port has stopped."),
    ("s4", "2025-10-08", "Court rules Ostmark dock strike lawful",
     "The labour court ruled on Wednesday that the strike by Ostmark dock workers was lawful, a defeat for the "
     "port authority. Tomas Hallberg said the dockers' union was ready to resume talks on pay, and the port "
     "authority agreed to meet the union on Friday."),
    ("s5", "2025-10-10", "Ostmark dockers and port reach pay deal",
     "Dock workers at Ostmark accepted a seven percent pay rise after overnight talks with the port authority, "
     "ending a ten-day strike. Tomas Hallberg said the union had won what the dockers asked. The first container "
     "ships were unloaded at the port within hours."),
    ("s6", "2025-10-12", "Ostmark port clears backlog of container ships",
     "Cranes worked through the weekend at Ostmark as the port cleared the queue of container ships left by "
     "the dockers' strike. The port authority said cargo traffic would be back to normal within a week, and "
     "the union thanked shipping lines for their patience."),
]


def story_articles(items):
    """StoryArticle records of (key, date, title, text) items."""
    from chronicle.link.stories import StoryArticle

    return [StoryArticle(key, title, text, dt.date.fromisoformat(day)) for key, day, title, text in items]


def write_corpus(folder: Path, items) -> Path:
    """Text files and a manifest (dates, one outlet per story) for ``items``; returns the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["path,published,outlet,url,title"]
    for key, day, title, text in items:
        (folder / f"{key}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        outlet = "Veltria Today" if key.startswith("v") else "Harbour Post"
        rows.append(f"{key}.txt,{day},{outlet},,")
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest
