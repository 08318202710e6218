"""Spider `nazk_declarations`: the NAZK register's API v2.

Listings (`/v2/documents/list`) by each known person's full name, by the followed declarants'
ids, by followed names and by the broad listings of source.yml, paged 100 a page (the answer's
`count` says how many there are) up to the API's 100-page cap; a listing beyond the cap is
split by year, then by type. A listing by name keeps only that name's documents (the API's
search also returns partial matches). Every new declarant found is listed by
`user_declarant_id`, so all of a person's documents come along. In a crawl split among
processes, each follows the declarants whose id hashes to it. Each document is fetched once
(`/v2/documents/{id}`) and kept whole: the ETL reads its shape. After a good run, only what
is new is asked for (incremental.py).
"""

import json
from urllib.parse import urlencode

from pamyat.core import sources
from pamyat.core.text.names import clean_text
from scrapers.base import SourceError, SourceSpider
from scrapers.nazk_declarations import incremental


def _name_key(text: str) -> str:
    return " ".join(clean_text(text).casefold().replace("’", "'").split())


def declarant_name(item: dict) -> str:
    step_1 = item.get("data", {}).get("step_1", {}).get("data", {})
    return " ".join(step_1.get(k) or "" for k in ("lastname", "firstname", "middlename"))


class NazkDeclarationsSpider(SourceSpider):
    name = "nazk_declarations"
    # Split by declarant: every process reads all listings, each follows its own declarants.
    can_split = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.declarants: set[str] = set()
        self.documents: set[str] = set()
        self.plan = incremental.Plan()

    async def start(self):
        self.plan = incremental.plan(self.source)
        self.builds_on = self.plan.builds_on
        follow = self.source.get("follow", {})
        for name in self.persons_to_query() + follow.get("queries", []):
            yield self.listing({"query": name}, wanted=_name_key(name))
        for declarant in follow.get("user_declarant_ids", []):
            yield self.listing({"user_declarant_id": declarant})
        for listing in self.source.get("listings", []):
            yield self.listing(listing)

    def persons_to_query(self) -> list[str]:
        """The full names the crawl wrote for this spider before it started it
        (etl/normalize/known_persons.py); without them the run fails: it would miss the known
        persons."""
        path = sources.persons_to_query(self.name)
        if not path.is_file():
            self.fail(f"{self.name}: {path} is missing: `pamyat crawl` writes the names to look up")
            return []
        return json.loads(path.read_text(encoding="utf-8"))

    def listing(self, params: dict, page: int = 1, wanted: str | None = None, whole=False):
        """A page of a listing: within tonight's window unless `whole` (a declarant new to us)
        or its share is swept tonight."""
        asked = params if whole else self.plan.params(params)
        url = f"{self.source['api']}/list?" + urlencode({**asked, "page": page})
        kwargs = {"params": params, "page": page, "wanted": wanted, "whole": whole}
        return self.request(url, self.parse_list, cb_kwargs=kwargs)

    def parse_list(self, response, params: dict, page: int, wanted: str | None, whole=False):
        """A v2 list answer, `{"data": [...], "count": N}`: its items, and the next page while
        `count` says there are more; `{"error": code}` stops the source naming the URL."""
        url = self.real_url(response.url)
        try:
            body = json.loads(self.text_of(response))
            if "error" in body:
                raise SourceError(self.name, url, f"the API answered error {body['error']!r}")
            items, count = body["data"], int(body["count"])
        except (ValueError, KeyError, TypeError) as error:
            raise SourceError(self.name, url, f"not a v2 list answer: {error!r}") from error
        per_page, max_pages = self.source["per_page"], self.source["max_pages"]
        if page == 1 and count > per_page * max_pages:
            narrower = self.split(params)
            if narrower:
                for split_params in narrower:
                    yield self.listing(split_params, wanted=wanted, whole=whole)
                return
            self.issue(
                response,
                None,
                "count",
                f"{count} documents, more than the {per_page * max_pages} the API pages; "
                "only those were crawled",
                json.dumps(params, ensure_ascii=False),
            )
        for item in items:
            if wanted and _name_key(declarant_name(item)) != wanted:
                continue
            yield from self.follow_item(item)
        if page * per_page < count and items and page < max_pages:
            yield self.listing(params, page + 1, wanted, whole)

    def split(self, params: dict) -> list[dict]:
        """A listing too long for the API's page cap, by year, else by type (else none)."""
        if "declaration_year" not in params:
            first, last = self.source["split_years"]
            return [{**params, "declaration_year": y} for y in range(first, last + 1)]
        if "declaration_type" not in params:
            return [{**params, "declaration_type": t} for t in self.source["split_types"]]
        return []

    def follow_item(self, item: dict):
        declarant, document = item.get("user_declarant_id"), item.get("id")
        if not self.owns(document if declarant is None else declarant):
            return  # another process's declarant (a split crawl)
        if declarant is not None and str(declarant) not in self.declarants:
            self.declarants.add(str(declarant))
            whole = str(declarant) not in self.plan.declarants
            yield self.listing({"user_declarant_id": declarant}, whole=whole)
        if document and document not in self.documents and document not in self.plan.documents:
            self.documents.add(document)
            yield self.request(f"{self.source['api']}/{document}", self.parse_document)

    def parse_document(self, response):
        url = self.real_url(response.url)
        try:
            document = json.loads(self.text_of(response))
            document_id, steps = document["id"], document["data"]
        except (ValueError, KeyError, TypeError) as error:
            raise SourceError(self.name, url, f"not a declaration document: {error}") from error
        if not isinstance(steps, dict) or "step_1" not in steps:
            raise SourceError(self.name, url, "the document has no step_1 (declarant)")
        yield self.record(response, "document", document_id, {"document": document})
