"""Recorded responses of the NAZK party-reports register, rendered as API v2 answers from the real
report rows we hold.

We hold no raw API response (samples/PROVENANCE.md), only Texty's tables built from the register:
table 5 (money donations), 6 (in-kind donations), 9.1 (spending of state funding) and 2.1 (the
branches each report lists), every row with its real report id. The mirror puts those rows back
into the v2 shapes that public clients document:

- `POST /parties`: central parties, each with its `regional_offices`;
- `POST /party/{id}/reports`: a party's or a branch's reports (`year`, `quarter`, 5 = annual);
- `GET /party/report/{id}`: the report with `regional_offices` and `payment_info`, whose sections
  hold rows of the 41-field payment schema (donor in `payer_*`, the receiving party unit in
  `receiver_*`; for spending the other way round); empty values are null, as in v2;
- `POST /party/report/{id}/payments/{section}`: one section, paged.

Every key of the documented v2 rows is rendered (formats.md): a party row's contacts, addresses,
head and `parent` are null (we hold none of them), a report's `signatory_id`, `special_status`
and `public_summary` likewise; a report's `payment_info` has all eight sections, those we hold
no rows of (state funding, other incomes, spending of private funds, returns, transfers) empty.
In-kind rows carry only the 41 payment fields: Texty's methodological price and registration
number have no v2 field and are left out.

Our assumptions, not the register's: party and row ids (UUIDs derived from the EDRPOU code and
the row's place), and a report that bundles several units' rows is filed by the central party.
Texty's spreadsheet holds the in-kind dates as numbers DD.MM (Excel dropped the year); they are
rendered as the text "DD.MM".
"""

import json
import uuid
from collections import defaultdict
from functools import cache
from pathlib import Path

from python_calamine import CalamineWorkbook

from pamyat.core import sources
from pamyat.core.manifest import MirrorBuilder, url_key

SOURCE = "nazk_party_reports"
FOLDER = "nazk_party_reports"
QUARTERS = {"1 квартал": 1, "2 квартал": 2, "3 квартал": 3, "4 квартал": 4, "рік": 5}
CENTRAL_OFFICE = "Центральний офіс"

# v2 payment field ← Texty's column, per section we hold rows for.
DONOR = {
    "payer_type": "donor_type",
    "payer_name": "donor_name",
    "payer_code": "donor_edrpou",
    "payer_birthday": "donor_birth_date",
    "payer_address": "donor_location",
    "receiver_name": "legal_entity_name",
    "receiver_code": "legal_entity_edrpou",
    "receiver_address": "legal_entity_region",
}
SECTIONS = {
    "monetary_contributions": {
        "file": "politdata_5_private_contributions.xlsx",
        "direction": "incoming",
        "group_code": "3_1",
        "fields": {
            **DONOR,
            "receiver_bank_name": "bank_name",
            "receiver_bank_code": "bank_edrpou",
            "receiver_account_iban": "bank_account",
            "payment_operation_date": "donation_date",
            "payment_amount": "donation_sum",
            "refund_amount": "donation_refund_sum",
        },
    },
    "other_contributions": {
        "file": "politdata_6_in_kind_donations.xlsx",
        "direction": "incoming",
        "group_code": "3_2",
        "fields": {
            **DONOR,
            "payment_description": "donation_type",
            "payment_operation_date": "donation_date",
            "payment_amount": "donation_contract_price",
        },
    },
    "budget_expenses": {
        "file": "politdata_9.1_expenditures_public_funding.xlsx",
        "direction": "outgoing",
        "group_code": "4_1",
        "fields": {
            "payer_name": "legal_entity_name",
            "payer_code": "legal_entity_edrpou",
            "payer_address": "legal_entity_region",
            "payer_bank_name": "bank_name",
            "payer_bank_code": "bank_EDRPOU",
            "payer_account_iban": "account_number",
            "payer_account_type": "account_type2",
            "payment_operation_date": "payment_date",
            "payment_reason": "payment_purpose",
            "payment_purpose": "payment_purpose2",
            "receiver_type": "recipient_type",
            "receiver_name": "recipient_name",
            "receiver_code": "recipient_EDRPOU",
            "receiver_address": "recipient_location",
            "payment_amount": "amount",
        },
    },
}
BRANCHES_FILE = "politdata_2.1_local_orgs_info.xlsx"
# The documented keys of a party row we hold no values for (null), and a report's likewise.
PARTY_KEYS_UNKNOWN = (
    "web_site_url", "actual_address_same_register", "created_at", "updated_at", "email", "phone",
    "head_info", "register_address", "actual_address",
)  # fmt: skip
REPORT_KEYS_UNKNOWN = ("signatory_id", "special_status", "public_summary")


def api(path: str) -> str:
    return sources.config(SOURCE)["api"] + path


def party_uuid(code: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"politdata.nazk.gov.ua/party/{code}"))


def _rows(path: Path) -> list[dict]:
    header, *rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return [dict(zip(header, row, strict=True)) for row in rows]


def _value(cell):
    """A cell as v2 writes it: null for empty, whole amounts as integers."""
    if cell == "" or cell is None:
        return None
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else cell
    return cell


def _date_value(cell):
    return f"{cell:.2f}" if isinstance(cell, float) else _value(cell)


def payment(row: dict, section: str, report_id: str, number: int) -> dict:
    spec = SECTIONS[section]
    rendered = dict.fromkeys(sources.config(SOURCE)["payment_fields"].split())
    rendered.update(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{report_id}/{section}/{number}")),
        report_id=report_id,
        group_code=spec["group_code"],
        payment_currency="UAH",
    )
    for field, column in spec["fields"].items():
        read = _date_value if field == "payment_operation_date" else _value
        rendered[field] = read(row.get(column))
    return rendered


class _Register:
    """The register's parties, reports and report details, gathered from the rows."""

    def __init__(self):
        self.party_names: dict[str, str] = {}
        self.office_names: dict[str, dict[str, tuple]] = defaultdict(dict)
        self.reports: dict[str, dict] = {}
        self.units: dict[str, set] = defaultdict(set)
        self.branches: dict[str, list] = defaultdict(list)
        self.sections: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))

    def add_report_row(self, row: dict) -> str:
        report_id, main = row["report_id"], row["party_main_EDRPOU"]
        self.reports.setdefault(
            report_id,
            {"year": int(row["report_year"]), "quarter": QUARTERS[row["report_period"]]},
        )["main"] = main
        self.party_names.setdefault(main, row["party_main_name"])
        return report_id

    def add_unit(self, row: dict) -> None:
        code, main = row["legal_entity_edrpou"], row["party_main_EDRPOU"]
        self.units[row["report_id"]].add(code)
        if code == main:
            self.party_names[main] = row["legal_entity_name"]
        else:
            self._office(main, code, row["legal_entity_name"], row)

    def _office(self, main: str, code: str, name: str, row: dict) -> None:
        when = (int(row["report_year"]), QUARTERS[row["report_period"]])
        known = self.office_names[main].get(code)
        if known is None or known[0] <= when:
            self.office_names[main][code] = (when, name)

    def add_branch(self, row: dict) -> None:
        if not row["local_org_EDRPOU"]:
            return
        self.branches[row["report_id"]].append(
            {"code": row["local_org_EDRPOU"], "name": row["local_org_name"]}
        )
        self._office(row["party_main_EDRPOU"], row["local_org_EDRPOU"], row["local_org_name"], row)

    def header(self, report_id: str) -> dict:
        report = self.reports[report_id]
        units = self.units.get(report_id, set())
        filer = next(iter(units)) if len(units) == 1 else report["main"]
        return {
            "id": report_id,
            "schema_version": None,
            "report_type": "main",
            "year": report["year"],
            "quarter": report["quarter"],
            "party_id": party_uuid(filer),
            "is_party_office": filer != report["main"],
            "signed_date": None,
            "created_date": None,
            **dict.fromkeys(REPORT_KEYS_UNKNOWN),
        }

    def parties(self) -> list[dict]:
        return [
            {
                "id": party_uuid(code),
                "is_active": True,
                "code": code,
                "name": name,
                **dict.fromkeys(PARTY_KEYS_UNKNOWN),
                "parent": [],
                "regional_offices": [
                    {
                        "id": party_uuid(office),
                        "code": office,
                        "name": office_name,
                        "is_active": True,
                    }
                    for office, (_, office_name) in sorted(self.office_names[code].items())
                ],
            }
            for code, name in sorted(self.party_names.items())
        ]


def _gather(samples: Path) -> _Register:
    register = _Register()
    folder = samples / FOLDER
    for section, spec in SECTIONS.items():
        for number, row in enumerate(_rows(folder / spec["file"])):
            report_id = register.add_report_row(row)
            register.add_unit(row)
            register.sections[report_id][section].append(payment(row, section, report_id, number))
    for row in _rows(folder / BRANCHES_FILE):
        register.add_report_row(row)
        register.add_branch(row)
    return register


def build(samples: Path, builder: MirrorBuilder) -> None:
    register = _gather(samples)
    details, by_party = {}, defaultdict(list)
    for report_id in sorted(register.reports):
        header = register.header(report_id)
        by_party[header["party_id"]].append(header)
        payment_info = {
            direction: {section: [] for section in names}
            for direction, names in sources.config(SOURCE)["sections"].items()
        }
        for section, spec in SECTIONS.items():
            payment_info[spec["direction"]][section] = register.sections[report_id][section]
        detail = {
            **header,
            "regional_offices": register.branches.get(report_id, []),
            "payment_info": payment_info,
        }
        url = api(f"/party/report/{report_id}")
        builder.add_json(url, {"results": detail})
        details[report_id] = builder.entries[url_key(url)]["file"]
    builder.add_handler(api("/parties"), f"{__name__}:answer_parties", register.parties())
    builder.add_handler(
        api("/party/"), f"{__name__}:answer_party", {"reports": by_party, "details": details}
    )


def _page(rows: list, body: dict, options: dict) -> tuple[int, dict]:
    pager = (body or {}).get("pager") or {}
    page, size = int(pager.get("page", 1)), int(pager.get("size", 10))
    size = min(size, int(options.get("max_page_size", 1000)))
    if page < 1 or size < 1:
        return 400, {"error": "pager.page and pager.size must be positive"}
    return 200, {"results": {"list": rows[(page - 1) * size : page * size]}}


def answer_parties(request, parties: list[dict], options: dict) -> tuple[int, dict]:
    return _page(parties, request.params, options)


@cache
def _detail(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))["results"]


def answer_party(request, data: dict, options: dict) -> tuple[int, dict]:
    """POST /party/{id}/reports and POST /party/report/{id}/payments/{section}."""
    parts = request.path.split("/party/", 1)[1].split("/")
    if len(parts) == 2 and parts[1] == "reports":
        return _page(data["reports"].get(parts[0], []), request.params, options)
    if len(parts) == 4 and parts[0] == "report" and parts[2] == "payments":
        path = data["details"].get(parts[1])
        if path is None:
            return 404, {"error": f"no report {parts[1]}"}
        info = _detail(path)["payment_info"]
        rows = info["incoming"].get(parts[3], info["outgoing"].get(parts[3], []))
        return _page(rows, request.params, options)
    return 404, {"error": f"no such endpoint: {request.path}"}
