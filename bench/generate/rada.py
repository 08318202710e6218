"""Generated roll calls of the Rada: print-view pages like the real ones.

The Rada's MPs are real (samples/rada): each generated roll call takes the faction blocks and
the MPs of the latest real page and gives every MP an option, in the gendered words the page
uses. The mirror renders the vote-results TSV and the event list from the pages
(scrapers/rada/mirror_votes.py), as it does for the real pages. The MPs, posts and registration
files are the real ones.
"""

import csv
import html
import random
from datetime import datetime, timedelta
from pathlib import Path

from bench.generate.population import volume
from scrapers.rada import vote_page
from scrapers.rada.mirror_votes import mp_short_name, short_name

FOLDER = "rada"
TEMPLATE_PAGE = "ns_golos_print_g_id_1315.html"
FIRST_EVENT = 100_000  # above the convocation's real event ids
# How often MPs choose each option.
SHARES = {"for": 0.72, "against": 0.03, "abstain": 0.04, "not voting": 0.11, "absent": 0.10}


def _words(option: str) -> list[str]:
    """The page's words for an option, masculine first (scrapers/rada/vote_page.py)."""
    return [word for word, meaning in vote_page.OPTIONS.items() if meaning == option]


WORDS = {(o, g): _words(o)[0 if g == "m" else -1] for o in SHARES for g in "mf"}
FIRST_DAY = datetime(2019, 9, 3, 10, 0, 0)
DAYS = 1900


def _totals(options: list[str], with_absent: bool) -> str:
    count = {o: options.count(o) for o in SHARES}
    voted = count["for"] + count["against"] + count["abstain"] + count["not voting"]
    text = (
        f"За - {count['for']}  Проти - {count['against']}  Утрималися - {count['abstain']}  "
        f"Не голосували - {count['not voting']}"
    )
    return text + (f" Відсутні - {count['absent']}" if with_absent else f" Всього - {voted}")


def _page(g_id: int, number: int, when: datetime, title: str, blocks, rng) -> str:
    rows, everyone = [], []
    for name, members in blocks:
        options = rng.choices(list(SHARES), weights=list(SHARES.values()), k=len(members))
        everyone += options
        rows.append(
            f"<tr>\n<td colspan=4><center><b>{html.escape(name)}</b><br>"
            f"Кількість депутатів - {len(members)}\n<br>{_totals(options, True)}\n</td></tr>"
        )
        cells = [
            f'<td class="hcol1">{html.escape(short)}</td>\n<td>{WORDS[option, gender]}</td>'
            for (short, gender), option in zip(members, options, strict=True)
        ]
        rows += [f"<tr>\n{chr(10).join(cells[i : i + 2])}\n</tr>" for i in range(0, len(cells), 2)]
    decision = "Рішення прийнято" if everyone.count("for") >= 226 else "Рішення не прийнято"
    return (
        '<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf8">\n'
        "<title>Результати поіменного голосування</title>\n"
        '<table border="0" align="center" cellpadding="0" cellspacing="0" width="100%">\n'
        '<tr><td align="center" class="f1"><b>ВЕРХОВНА РАДА УКРАЇНИ</b></td></tr>\n'
        '<tr><td align="center" class="f2">\n'
        f"{1 + (when - FIRST_DAY).days // 180} сесія&nbsp;&nbsp;9 скликання<br>\n"
        "<b>РЕЗУЛЬТАТИ ПОІМЕННОГО ГОЛОСУВАННЯ</b><br>\n"
        f"№ {number} від {when:%d.%m.%Y %H:%M:%S}<br>\n"
        f"<b>{html.escape(title)} (№{g_id - FIRST_EVENT + 2000}) - в цілому\n</b><br>\n"
        f"{_totals(everyone, False)}<br>\n<b>{decision}</b>\n</td></tr></table>\n"
        '<Table border=1px WIDTH="100%" cellspacing=0 cellpadding=3 align=center>\n'
        + "\n".join(rows)
        + "\n<tr><td colspan=4>&nbsp;</td></tr>\n</TABLE>\n"
    )


def write(samples: Path, out: Path, scale: float, seed: int) -> dict:
    """Writes out/rada; returns what was written."""
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for real in sorted((samples / FOLDER).iterdir()):
        (folder / real.name).symlink_to(real.resolve())
    with open(samples / FOLDER / "mps09-data.csv", encoding="utf-8", newline="") as f:
        gender = {
            mp_short_name(mp): "f" if mp["gender"] == "Жіноча" else "m" for mp in csv.DictReader(f)
        }
    template = vote_page.parse((samples / FOLDER / TEMPLATE_PAGE).read_text(encoding="utf-8"))
    blocks = [
        (block["name"], [(name, gender.get(short_name(name), "m")) for name, _ in block["votes"]])
        for block in template["blocks"]
    ]
    rng = random.Random(seed)
    count = volume("roll_calls", scale)
    for i in range(count):
        when = FIRST_DAY + timedelta(days=i * DAYS // count, minutes=i % 300)
        title = f"Поіменне голосування про проект Закону України № {i + 1}"
        page = _page(FIRST_EVENT + i, i + 1, when, title, blocks, rng)
        (folder / f"ns_golos_print_g_id_{FIRST_EVENT + i}.html").write_text(page, "utf-8")
    members = sum(len(m) for _, m in blocks)
    return {"roll_calls": count, "votes": count * members}
