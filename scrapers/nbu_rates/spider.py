"""Spider `nbu_rates`: the National Bank's official hryvnia rates of every currency on the last
day of each declaration year, from its JSON API (`?date=YYYYMMDD&json`: a list of
`{"r030", "txt", "rate", "cc", "exchangedate"}`, one per currency).

Numbers are kept as the answer writes them (a rate's digits are the official figure: no float
rounding). A date the bank answers with no rates is a data issue; an answer that is not a list
of rates stops the source, naming the URL.
"""

import json
from datetime import UTC, datetime

from pamyat.core import sources
from scrapers.base import SourceError, SourceSpider

SOURCE = "nbu_rates"


def rates_url(day: str) -> str:
    """The API's answer for a date given as YYYYMMDD."""
    return f"{sources.config(SOURCE)['api']}?date={day}&json"


def valuation_dates(today: datetime) -> list[str]:
    """The last day of each year from source.yml's `first_year` to the last full one."""
    first = sources.config(SOURCE)["first_year"]
    return [f"{year}1231" for year in range(first, today.year)]


class NbuRatesSpider(SourceSpider):
    name = SOURCE

    async def start(self):
        for day in valuation_dates(datetime.now(UTC)):
            yield self.request(rates_url(day), self.parse_rates, cb_kwargs={"day": day})

    def parse_rates(self, response, day: str):
        url = self.real_url(response.url)
        try:
            answer = json.loads(self.text_of(response), parse_float=str, parse_int=str)
        except json.JSONDecodeError as error:
            raise SourceError(self.name, url, f"not JSON: {error}") from error
        if not isinstance(answer, list):
            raise SourceError(self.name, url, "expected a JSON list of rates")
        if not answer:
            self.issue(response, day, None, "the National Bank answered no rates for this date")
        for number, entry in enumerate(answer, start=1):
            if not isinstance(entry, dict):
                self.issue(response, f"{day}#{number}", None, "not a rate; skipped", entry)
                continue
            record_id = f"{entry.get('cc')}@{entry.get('exchangedate') or day}"
            yield self.record(response, "rate", record_id, {**entry, "asked_date": day})
