"""NAZK declarations: documents of every shape → declarations, family members, the declared
property, income, money and expenses, and one person record per declarant.

Three real shapes are read alike (scrapers/nazk_declarations/mirror.py): API v2 (`step_N:
{"data": [...]}`), the register's archive form (schema_version 2 and 3, sections keyed by
iteration id, `{"empty": ...}`) and API v1 (the same sections, the type and year in step_0).
Hidden values ("[Конфіденційна інформація]", "[Не відомо]", `*_extendedstatus`) become NULL with
the reason in a `*_status` column, never a string or a zero. Amounts are exact hundredths.
Every field and step the reader does not know is reported (source.yml).
"""

import fnmatch
import re
from functools import cache

import pandas as pd

from pamyat.core import sources
from pamyat.core.issues import DataIssues
from pamyat.core.raw import provenance
from pamyat.core.text.names import clean_name_part, clean_text, join_name
from pamyat.core.text.places import region_name
from pamyat.core.text.positions import position_code, strongest
from pamyat.core.text.values import decimal_text, integer, iso_date, kyiv_time, minor_units
from scrapers.nazk_declarations import totals

SOURCE = "nazk_declarations"
_CODE_PATH = re.compile(r"[\d.]+")
DECLARANT, FAMILY_MEMBER, OTHER = "declarant", "family member", "other"
V2_ENVELOPE = {"data", "isNotApplicable"}
SECTION_TABLES = {
    "real_estate": "declared_real_estate",
    "vehicles": "declared_vehicles",
    "securities": "declared_securities_and_rights",
    "corporate_rights": "declared_securities_and_rights",
    "intangible_assets": "declared_securities_and_rights",
    "income": "declared_income",
    "money": "declared_money",
    "expenses": "declared_expenses",
}


# How the documents are read (source.yml): known fields, forms, markers of hidden values.
CONFIG = sources.config(SOURCE)


def hidden(entry: dict, field: str) -> tuple[str | None, str | None]:
    """(value, status): the value as written, or None and why the register hides or lacks it."""
    raw = entry.get(field)
    text = "" if raw is None or isinstance(raw, (dict, list)) else clean_text(str(raw))
    if text in CONFIG["hidden_values"]:
        return None, CONFIG["hidden_values"][text]
    if not text:
        return None, CONFIG["extended_status"].get(str(entry.get(f"{field}_extendedstatus", "")))
    return text, None


@cache
def _is_known_field(kind: str, field: str) -> bool:
    """Whether source.yml names the field in the section; asked once per name, since
    millions of entries repeat the same few hundred names."""
    known = CONFIG["sections"][kind] + CONFIG["ignored_everywhere"]
    return any(fnmatch.fnmatchcase(field, pattern) for pattern in known)


def _as_list(value) -> list[dict]:
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, dict)]
    return [v for v in value or [] if isinstance(v, dict)]


class Document:
    """One declaration document of any shape, with the issues found while reading it."""

    def __init__(self, record: dict, issues: DataIssues):
        self.record, self.issues = record, issues
        self.raw = record["fields"]["document"]
        self.id = self.raw["id"]
        self.steps = self.raw["data"]
        self.shape = (
            "v1"
            if "declaration_type" not in self.raw
            else "v2"
            if isinstance(self.steps.get("step_1", {}).get("data"), dict)
            else "archive"
        )
        meta = self.flat("step_0")
        self.form_type = int(self.raw.get("type", 1))
        self.declaration_type = int(self.raw.get("declaration_type", meta.get("declarationType")))
        self.year = integer(
            str(
                self.raw.get("declaration_year")
                or meta.get("declarationYear1")
                or meta.get("changesYear")
            )
        )
        self.family_ids: set[str] = set()

    @property
    def is_change_notice(self) -> bool:
        return self.form_type == CONFIG["change_notice_form_type"]

    @property
    def form(self) -> str:
        """The form the steps are numbered by (source.yml, `forms`)."""
        return "change_notice" if self.is_change_notice else "declaration"

    def report(self, field: str, problem: str, value=None) -> None:
        self.issues.about(self.record, field, problem, value)

    def section(self, step: str):
        """A step's content. API v2 wraps it: `{"data": …, "isNotApplicable": 0}`, or
        `{"isNotApplicable": 1}` for a step the declarant had nothing to declare in."""
        section = self.steps.get(step)
        if not isinstance(section, dict) or not set(section) & V2_ENVELOPE:
            return section
        for key in set(section) - V2_ENVELOPE:
            self.report(f"{step}.{key}", "unknown key of a step's envelope; not read", section[key])
        if section.get("isNotApplicable") == 1 and section.get("data"):
            self.report(step, "a step marked not applicable carries entries; read", step)
        return section.get("data")

    def flat(self, step: str) -> dict:
        section = self.section(step)
        return section if isinstance(section, dict) else {}

    def entries(self, step: str) -> list[dict]:
        section = self.section(step)
        if isinstance(section, list):
            return [e for e in section if isinstance(e, dict)]
        if not section or "empty" in section:
            return []
        return [{"iteration": k, **v} for k, v in section.items() if isinstance(v, dict)]

    def check_fields(self, step: str, kind: str, entry: dict) -> None:
        for field in entry:
            if not _is_known_field(kind, field):
                self.report(
                    f"{step}.{field}", f"unknown field in section {kind}; not read", entry[field]
                )

    def owner(self, entry: dict) -> tuple[str | None, str | None]:
        """Whose the item is: the declarant, a family member (with the member's id), other."""
        person = str(entry.get("person") or "")
        if not person:  # schema 3 and 5 name the owner in `rights` or `person_who_care`
            rights = _as_list(entry.get("rights"))
            carers = _as_list(entry.get("person_who_care"))
            if rights:
                person = str(rights[0].get("rightBelongs", ""))
            elif carers:
                person = str(carers[0].get("person", ""))
        if person == "1":
            return DECLARANT, None
        if person in self.family_ids:
            return FAMILY_MEMBER, person
        return (OTHER, None) if person else (None, None)

    def document_type(self) -> str:
        if self.is_change_notice:
            return CONFIG["document_types"][0]
        return CONFIG["document_types"].get(self.declaration_type, f"type {self.declaration_type}")


def _ownership(doc: Document, entry: dict) -> dict:
    rights = _as_list(entry.get("rights"))
    first = rights[0] if rights else {}
    percent = "percent-ownership" if "percent-ownership" in first else "percentownership"
    return {
        "ownership_type": clean_text(first.get("ownershipType")) or None,
        "ownership_percent": _decimal(doc, first, percent),
    }


def _decimal(doc: Document, entry: dict, field: str) -> str | None:
    """A number as exact decimal text, or NULL (reported when it is not a number)."""
    value = _text(entry, field)
    try:
        return decimal_text(value)
    except ValueError:
        doc.report(field, "not a number; left empty", value)
        return None


def _money(doc: Document, entry: dict, field: str, prefix: str) -> dict:
    """An amount as exact hundredths, or NULL with its status."""
    value, status = hidden(entry, field)
    amount = None
    if value is not None:
        try:
            amount = minor_units(value)
        except ValueError:
            doc.report(field, "not an amount; left empty", value)
            status = "unreadable"
    return {f"{prefix}_minor": amount, f"{prefix}_status": status}


def _date(doc: Document, entry: dict, field: str) -> str | None:
    value, _ = hidden(entry, field)
    if value and len(value) == 4 and value.isdigit():
        return value  # some owning dates are a year only
    try:
        return iso_date(value)
    except ValueError:
        doc.report(field, "not a date; left empty", value)
        return None


def _first_present(entry: dict, *fields: str) -> str:
    """The first of the fields the entry has (each schema names the same value its own way)."""
    return next((f for f in fields if f in entry), fields[0])


def _joined(entry: dict, *fields: str) -> str | None:
    return " / ".join(filter(None, (_text(entry, f) for f in fields))) or None


def _text(entry: dict, *fields: str) -> str | None:
    for field in fields:
        value, _ = hidden(entry, field)
        if value:
            return value
    return None


def _base(doc: Document, entry: dict) -> dict:
    owner_role, family_member_id = doc.owner(entry)
    return {
        "document_id": doc.id,
        "item_id": str(entry.get("iteration") or entry.get("id") or ""),
        "owner_role": owner_role,
        "family_member_id": family_member_id,
    }


def _real_estate(doc: Document, entry: dict) -> dict:
    _, area_status = hidden(entry, "totalArea")
    return {
        **_base(doc, entry),
        "object_type": _text(entry, "objectType"),
        "object_type_other": _text(entry, "otherObjectType"),
        "total_area_m2": _decimal(doc, entry, "totalArea"),
        "total_area_status": area_status,
        "acquired_date": _date(doc, entry, "owningDate"),
        # Schema 2 has costDate; schema 3 and 5 cost_date_assessment, whose basis (the cost at
        # acquisition, or an assessment) schema 5 states in object_cost_type.
        **_money(doc, entry, _first_present(entry, "costDate", "cost_date_assessment"), "cost"),
        "cost_basis": _text(entry, "object_cost_type"),
        **_money(doc, entry, "costAssessment", "assessed_value"),
        # Schema 2 and 3 write "settlement / district / region / country"; schema 5 the
        # settlement and its region apart.
        "city": _text(entry, "ua_cityType") or _joined(entry, "city", "district", "region"),
        **_ownership(doc, entry),
    }


def _vehicle(doc: Document, entry: dict) -> dict:
    cost_field = "costDate" if "costDate" in entry else "costLast"
    return {
        **_base(doc, entry),
        "object_type": _text(entry, "objectType"),
        "object_type_other": _text(entry, "otherObjectType"),
        "brand": _text(entry, "brand"),
        "model": _text(entry, "model"),
        "manufacture_year": integer(_text(entry, "graduationYear")),
        "acquired_date": _date(doc, entry, "owningDate"),
        **_money(doc, entry, cost_field, "cost"),
        **_ownership(doc, entry),
    }


def _security(doc: Document, entry: dict, kind: str) -> dict:
    cost_field = next(
        (f for f in ("cost", "costDate", "costDateOrigin", "costLast") if f in entry), "cost"
    )
    return {
        **_base(doc, entry),
        "kind": kind.replace("_", " "),
        "object_type": _text(entry, "typeProperty", "legalForm", "objectType"),
        "object_type_other": _text(entry, "otherObjectType", "subTypeProperty1"),
        "issuer_name": _text(entry, "emitent_ua_company_name", "name", "descriptionObject"),
        "issuer_code": _text(entry, "emitent_ua_company_code", "corporate_rights_company_code"),
        "quantity": _decimal(doc, entry, "amount"),
        "share_percent": _decimal(doc, entry, "cost_percent"),
        **_money(doc, entry, cost_field, "cost"),
        "acquired_date": _date(doc, entry, "owningDate"),
    }


def _payers(entry: dict) -> list[dict]:
    """Who paid an income: the entry itself (schema 2), or each of its `sources` (3 and 5)."""
    return _as_list(entry.get("sources")) or [entry]


def _payer(payer: dict, field: str) -> str | None:
    # Legal entities only: a private payer's name stays in the register, not here.
    if "юридична особа" not in (_text(payer, "source_citizen") or "").casefold():
        return None
    return _text(payer, field)


def _listed(values) -> str | None:
    """The values of an income's payers, "; " between them."""
    return "; ".join(filter(None, values)) or None


def _income(doc: Document, entry: dict) -> dict:
    payers = _payers(entry)
    for payer in payers:
        if payer is not entry:
            doc.check_fields("income.sources", "income", payer)
    return {
        **_base(doc, entry),
        "income_type": _text(entry, "objectType"),
        "income_type_other": _text(entry, "otherObjectType"),
        **_money(doc, entry, "sizeIncome", "amount"),
        "currency_code": "UAH",
        "payer_type": _listed(dict.fromkeys(_text(p, "source_citizen") for p in payers)),
        "payer_name": _listed(_payer(p, "source_ua_company_name") for p in payers),
        "payer_code": _listed(_payer(p, "source_ua_company_code") for p in payers),
        "received_date": _date(doc, entry, "owningDate"),
    }


def _money_holding(doc: Document, entry: dict) -> dict:
    asset_type = _text(entry, "objectType")
    currency, currency_status = hidden(entry, "assetsCurrency")
    return {
        **_base(doc, entry),
        "asset_type": asset_type,
        "asset_type_other": _text(entry, "otherObjectType"),
        "is_cash": int((asset_type or "").casefold().startswith("готівков")),
        "currency_code": (currency or "").upper() or None,
        "currency_status": currency_status,
        **_money(doc, entry, "sizeAssets", "amount"),
        "institution_name": _text(entry, "organization_ua_company_name"),
        "institution_code": _text(entry, "organization_ua_company_code"),
    }


def _expense(doc: Document, entry: dict) -> dict:
    amount_field = next(
        (f for f in ("costAmount", "costsAmount", "expenseSize") if _text(entry, f)), "costAmount"
    )
    return {
        **_base(doc, entry),
        "expense_type": _text(entry, "specExpenses", "expenseType"),
        "subject": _text(entry, "specExpensesSubject", "expenseSpec"),
        "description": _text(
            entry,
            "specOtherExpenses",
            "otherExpenseSpec",
            "specExpensesMovableSubject",
            "specExpensesRealtySubject",
            "specExpensesAssetsSubject",
        ),
        **_money(doc, entry, amount_field, "amount"),
        "currency_code": "UAH",
        "expense_date": _date(doc, entry, "date_costAmount")
        or _date(doc, entry, "expenseDate")
        or _date(doc, entry, "date_specExpenses"),
    }


READERS = {
    "real_estate": _real_estate,
    "vehicles": _vehicle,
    "securities": lambda d, e: _security(d, e, "securities"),
    "corporate_rights": lambda d, e: _security(d, e, "corporate_rights"),
    "intangible_assets": lambda d, e: _security(d, e, "intangible_assets"),
    "income": _income,
    "money": _money_holding,
    "expenses": _expense,
}


def _family(doc: Document, entry: dict) -> dict:
    member_id = str(entry.get("id") or entry.get("iteration"))
    doc.family_ids.add(member_id)
    last = clean_name_part(entry.get("lastname"))
    first = clean_name_part(entry.get("firstname"))
    patronymic = clean_name_part(entry.get("middlename"))
    return {
        "document_id": doc.id,
        "family_member_id": member_id,
        "relation": _text(entry, "subjectRelation"),
        "full_name": join_name(last, first, patronymic) or None,
        "region": region_name(_residence_region(entry)),
    }


def _submitted_at(doc: Document) -> str | None:
    """When the document was submitted, ISO 8601: API v2's `date` as it is, the archive's
    "DD.MM.YYYY HH:MM:SS" (Kyiv time) with its offset, API v1's day alone."""
    value = doc.raw.get("date")
    if value:
        return value
    created = doc.raw.get("created_date") or ""
    if " " in created:
        try:
            return kyiv_time(created)
        except ValueError:
            doc.report("created_date", "not a time; left empty", created)
            return None
    return _date(doc, {"created_date": created}, "created_date")


def _residence_region(declarant: dict) -> str | None:
    """The region of residence as text: `region_txt` (schema 2 and 3, whose `region` is a
    path of codes such as "1.2.5"), schema 5's `region`, or the settlement line."""
    for field in ("region_txt", "region", "cityType"):
        value = _text(declarant, field)
        if value and not _CODE_PATH.fullmatch(value):
            return value
    return None


def _declaration(doc: Document) -> tuple[dict, dict]:
    declarant = doc.flat("step_1")
    last = clean_name_part(declarant.get("lastname"))
    first = clean_name_part(declarant.get("firstname"))
    patronymic = clean_name_part(declarant.get("middlename"))
    submitted_at = _submitted_at(doc)
    declarant_id = doc.raw.get("user_declarant_id")
    page = CONFIG["document_page"].format(id=doc.id)
    row = {
        "document_id": doc.id,
        "user_declarant_id": declarant_id,
        "document_type": doc.document_type(),
        "declaration_type_code": doc.declaration_type,
        "form_type_code": doc.form_type,
        "is_corrected": int(doc.form_type == CONFIG["corrected_form_type"]),
        "declaration_year": doc.year,
        "schema_version": doc.raw.get("schema_version"),
        "document_shape": doc.shape,
        "declarant_name": join_name(last, first, patronymic),
        "position": _text(declarant, "workPost"),
        "workplace": _text(declarant, "workPlace"),
        "responsible_position": _text(declarant, "responsiblePosition"),
        "submitted_date": submitted_at[:10] if submitted_at else None,
        "submitted_at": submitted_at,
        "document_url": page,
        **provenance(doc.record),
        "person_record_id": str(declarant_id) if declarant_id is not None else f"doc:{doc.id}",
    }
    person = {
        "source": SOURCE,
        "source_record_id": row["person_record_id"],
        "source_url": page,
        "page_url": page,
        "run_id": doc.record["run_id"],
        "last_name": last,
        "first_name": first,
        "patronymic": patronymic or None,
        "full_name": row["declarant_name"],
        "birth_date": None,
        "gender": None,
        "photo_url": None,
        "position": position_code(row["position"], row["responsible_position"]),
        "region": _residence_region(declarant),
        "workplace": row["workplace"],
        "council": ", ".join(filter(None, [row["position"], row["workplace"]])) or None,
        "creates_person": doc.declaration_type == 4 and not doc.is_change_notice,
        "submitted_at": row["submitted_at"],
    }
    return row, person


def held_entries(step) -> int:
    """How many entries a step holds, counted from the raw JSON alone, whatever its shape (so
    a reader that misreads a shape loses entries visibly): a list holds its objects; an object
    with text values is one entry; an object of objects or lists (an envelope, or entries keyed
    by iteration) holds what they hold. The markers `isNotApplicable` and `empty` hold none."""
    if isinstance(step, list):
        return sum(held_entries(e) if isinstance(e, list) else isinstance(e, dict) for e in step)
    if not isinstance(step, dict):
        return 0
    values = [v for k, v in step.items() if k not in ("isNotApplicable", "empty")]
    if any(isinstance(v, str | int | float) and v not in ("", None) for v in values):
        return 1
    return sum(held_entries(v) for v in values)


def _read(doc: Document, tables: dict[str, list[dict]]) -> dict:
    form = CONFIG["forms"][doc.form]
    for step in doc.steps:
        if step not in form:
            doc.report(step, f"unknown step of a {doc.form.replace('_', ' ')}; not read")
            doc.issues.entries(doc.record, step, held_entries(doc.steps[step]), 0)
    declaration, person = _declaration(doc)
    tables["declarations"].append(declaration)
    doc.issues.entries(
        doc.record, "step_1", held_entries(doc.steps.get("step_1")), int(bool(person["full_name"]))
    )
    for step, kind in form.items():
        held = held_entries(doc.steps.get(step))
        if kind in ("meta", "declarant", "unpublished"):
            if kind == "unpublished":
                doc.issues.entries(doc.record, step, held, 0, withheld=True)
            continue
        rows = 0
        for entry in doc.entries(step):
            if kind == "empty":
                doc.report(step, "an entry in a step that is always empty; not read", entry)
                continue
            doc.check_fields(step, kind, entry)
            if kind == "family":
                tables["declaration_family_members"].append(_family(doc, entry))
            else:
                tables[SECTION_TABLES[kind]].append(READERS[kind](doc, entry))
            rows += 1
        doc.issues.entries(doc.record, step, held, rows)
    return person


def _declarants(people: list[dict]) -> pd.DataFrame:
    """One person record per declarant: the latest document's name and places, the strongest
    position (an MP's outranks others), and a person of its own if any document is a candidate's."""
    frame = pd.DataFrame(people)
    if frame.empty:
        return frame
    frame = frame.sort_values(["source_record_id", "submitted_at"])
    grouped = frame.groupby("source_record_id")
    latest = grouped.tail(1).set_index("source_record_id")
    latest["creates_person"] = grouped["creates_person"].any()
    latest["position"] = grouped["position"].agg(lambda p: strongest(p.dropna()))
    # Where the latest document leaves a place out, an earlier one may give it.
    places = ["region", "council", "workplace"]
    latest[places] = grouped[places].last()
    return latest.reset_index().drop(columns="submitted_at")


def normalize(records, issues: DataIssues) -> dict[str, pd.DataFrame]:
    tables: dict[str, list[dict]] = {
        name: []
        for name in ["declarations", "declaration_family_members", *set(SECTION_TABLES.values())]
    }
    people = []
    for record in records:
        if record["kind"] != "document":
            issues.about(record, "kind", "unknown record kind; not read", record["kind"])
            continue
        people.append(_read(Document(record, issues), tables))
    frames = {name: pd.DataFrame(rows) for name, rows in tables.items()}
    frames["person_records"] = _declarants(people)
    return frames


def finish(tables: dict[str, pd.DataFrame], issues: DataIssues) -> None:
    """After identity (declarations carry person_id): the year totals and their red flags."""
    if "declarations" in tables:
        tables.update(totals.finish(tables))
