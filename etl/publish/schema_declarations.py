"""Published tables of the NAZK asset declarations (see schema.py for the conventions).

Hidden values are NULL, with the reason in the `*_status` column beside them: confidential,
not applicable, unknown, not provided by a family member (the register's own markers). Money is
in exact hundredths of its currency (`*_minor`: kopiykas for UAH, cents for USD).
"""

from functools import partial

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, declared_attr

from etl.publish.schema_base import FREE_TEXT, Base, SourceRow, column, table_info

SOURCES = ["nazk_declarations"]
STATUS = (
    "Why the value is empty: confidential, not applicable, unknown, not provided by a family member"
)


_info = partial(table_info, SOURCES)


class Declaration(SourceRow, Base):
    __tablename__ = "declarations"
    __table_args__ = (
        Index("ix_declarations_person", "person_id"),
        Index("ix_declarations_declarant", "user_declarant_id"),
        {
            "comment": "Asset declarations and change notices submitted to the NAZK register, "
            "one row per document, linked to the portal's person where the declarant is one.",
            "info": _info(
                "declarant_name", ["document_type", "declaration_year", "document_shape"]
            ),
        },
    )
    document_id: Mapped[str] = column(Text, "NAZK document id (UUID)", primary_key=True)
    user_declarant_id: Mapped[int | None] = column(
        Integer, "NAZK declarant id: the same id is the same person (absent in 2015 documents)"
    )
    person_id: Mapped[str | None] = column(
        Text,
        "The declarant as a portal person; empty when she matches no known person",
        ForeignKey("persons.person_id"),
    )
    document_type: Mapped[str] = column(
        Text, "annual, before dismissal, after dismissal, candidate, or change notice"
    )
    declaration_type_code: Mapped[int] = column(
        Integer, "NAZK declaration_type: 1 annual, 2 before dismissal, 3 after, 4 candidate"
    )
    form_type_code: Mapped[int] = column(
        Integer, "NAZK type: 1 declaration, 2 notice of a significant change, 3 corrected"
    )
    is_corrected: Mapped[bool] = column(Integer, "1 for a corrected declaration")
    declaration_year: Mapped[int] = column(Integer, "Year the document covers")
    schema_version: Mapped[int | None] = column(Integer, "NAZK form version (2, 3 or 5)")
    document_shape: Mapped[str] = column(
        Text, "Shape read: v2 (API v2), archive (register archive), v1 (retired API v1)"
    )
    declarant_name: Mapped[str] = column(Text, "Declarant: surname, given name, patronymic")
    position: Mapped[str | None] = column(Text, "Declared position (workPost)", info=FREE_TEXT)
    workplace: Mapped[str | None] = column(Text, "Declared workplace (workPlace)", info=FREE_TEXT)
    responsible_position: Mapped[str | None] = column(
        Text, "Category of responsible position, as the register names it", info=FREE_TEXT
    )
    submitted_date: Mapped[str | None] = column(Text, "Submitted on (ISO 8601)")
    submitted_at: Mapped[str | None] = column(
        Text, "Submitted at, ISO 8601 local time (with its UTC offset when the register gives it)"
    )
    document_url: Mapped[str] = column(Text, "The document in the NAZK public register")


class DeclarationFamilyMember(Base):
    __tablename__ = "declaration_family_members"
    __table_args__ = {
        "comment": "Family members named in a declaration (their birth dates and tax numbers "
        "are never published).",
        "info": _info("full_name", ["relation"]),
    }
    document_id: Mapped[str] = column(
        Text, "The declaration", ForeignKey("declarations.document_id"), primary_key=True
    )
    family_member_id: Mapped[str] = column(
        Text,
        "The member's id within the document (items name their owner by it)",
        primary_key=True,
    )
    relation: Mapped[str | None] = column(Text, "Relation to the declarant, as declared")
    full_name: Mapped[str | None] = column(Text, "Surname, given name, patronymic")


class DeclaredItem:
    """The columns every declared item has: its document, its id there, and whose it is."""

    @declared_attr
    def document_id(cls) -> Mapped[str]:
        return column(
            Text, "The declaration", ForeignKey("declarations.document_id"), primary_key=True
        )

    item_id: Mapped[str] = column(Text, "Item id within the document", primary_key=True)
    owner_role: Mapped[str | None] = column(Text, "declarant, family member or other")
    family_member_id: Mapped[str | None] = column(
        Text, "The family member who owns it (see declaration_family_members)"
    )


def _money(what: str):
    return (
        column(Integer, f"{what}, in hundredths (kopiykas for UAH), exact"),
        column(Text, STATUS),
    )


class DeclaredRealEstate(DeclaredItem, Base):
    __tablename__ = "declared_real_estate"
    __table_args__ = {
        "comment": "Real estate declared: type, area, acquisition, value, ownership (no address "
        "beyond the city).",
        "info": _info("object_type", ["object_type", "ownership_type", "owner_role"]),
    }
    object_type: Mapped[str | None] = column(Text, "Type (Квартира, Земельна ділянка, Інше…)")
    object_type_other: Mapped[str | None] = column(
        Text, "Type in words when 'Інше'", info=FREE_TEXT
    )
    total_area_m2: Mapped[str | None] = column(Text, "Area in square metres (exact decimal)")
    total_area_status: Mapped[str | None] = column(Text, STATUS)
    acquired_date: Mapped[str | None] = column(Text, "Acquired on (ISO 8601, or a year)")
    cost_minor, cost_status = _money("Value at acquisition (or as assessed, see cost_basis), UAH")
    cost_basis: Mapped[str | None] = column(
        Text, "What the value is, as the form states it (schema 5: at acquisition or assessed)"
    )
    assessed_value_minor, assessed_value_status = _money("Latest assessed value, UAH")
    city: Mapped[str | None] = column(Text, "Settlement / region / country, as declared")
    ownership_type: Mapped[str | None] = column(Text, "Власність, Оренда, Користування…")
    ownership_percent: Mapped[str | None] = column(Text, "Share owned, percent (exact decimal)")


class DeclaredVehicle(DeclaredItem, Base):
    __tablename__ = "declared_vehicles"
    __table_args__ = {
        "comment": "Vehicles declared (identification numbers are never published).",
        "info": _info("brand", ["object_type", "brand", "owner_role"]),
    }
    object_type: Mapped[str | None] = column(Text, "Type (Автомобіль легковий…)")
    object_type_other: Mapped[str | None] = column(
        Text, "Type in words when 'Інше'", info=FREE_TEXT
    )
    brand: Mapped[str | None] = column(Text, "Make, as declared")
    model: Mapped[str | None] = column(Text, "Model, as declared")
    manufacture_year: Mapped[int | None] = column(Integer, "Year made")
    acquired_date: Mapped[str | None] = column(Text, "Acquired on (ISO 8601)")
    cost_minor, cost_status = _money("Value at acquisition, UAH")
    ownership_type: Mapped[str | None] = column(Text, "Власність, Користування…")
    ownership_percent: Mapped[str | None] = column(Text, "Share owned, percent")


class DeclaredSecurityOrRight(DeclaredItem, Base):
    __tablename__ = "declared_securities_and_rights"
    __table_args__ = {
        "comment": "Securities, corporate rights (shares in companies) and intangible assets "
        "declared.",
        "info": _info("issuer_name", ["kind", "object_type", "owner_role"]),
    }
    kind: Mapped[str] = column(
        Text, "securities, corporate rights or intangible assets", primary_key=True
    )
    object_type: Mapped[str | None] = column(Text, "Type (Акції, ТОВ…), as declared")
    object_type_other: Mapped[str | None] = column(
        Text, "Type in words, or its subtype", info=FREE_TEXT
    )
    issuer_name: Mapped[str | None] = column(Text, "Issuer or company", info=FREE_TEXT)
    issuer_code: Mapped[str | None] = column(Text, "Issuer's EDRPOU code")
    quantity: Mapped[str | None] = column(Text, "Number of securities (exact decimal)")
    share_percent: Mapped[str | None] = column(Text, "Share of the company, percent")
    cost_minor, cost_status = _money("Value, UAH")
    acquired_date: Mapped[str | None] = column(Text, "Acquired on (ISO 8601)")


class DeclaredIncome(DeclaredItem, Base):
    __tablename__ = "declared_income"
    __table_args__ = {
        "comment": "Income declared (in change notices: the one-off income reported).",
        "info": _info("income_type", ["income_type", "payer_type", "owner_role"]),
    }
    income_type: Mapped[str | None] = column(Text, "Type (Заробітна плата, Проценти…)")
    income_type_other: Mapped[str | None] = column(
        Text, "Type in words when 'Інше'", info=FREE_TEXT
    )
    amount_minor, amount_status = _money("Amount")
    currency_code: Mapped[str] = column(Text, "Currency (income is declared in UAH)")
    payer_type: Mapped[str | None] = column(Text, "Who paid: a legal entity, a citizen…")
    payer_name: Mapped[str | None] = column(
        Text, "The paying legal entity (private persons' names are not published)", info=FREE_TEXT
    )
    payer_code: Mapped[str | None] = column(Text, "The paying legal entity's EDRPOU code")
    received_date: Mapped[str | None] = column(Text, "Received on (change notices)")


class DeclaredMoney(DeclaredItem, Base):
    __tablename__ = "declared_money"
    __table_args__ = {
        "comment": "Money declared: bank deposits, cash, loans given, by currency.",
        "info": _info("asset_type", ["asset_type", "currency_code", "is_cash", "owner_role"]),
    }
    asset_type: Mapped[str | None] = column(Text, "Type (Готівкові кошти, Кошти на рахунках…)")
    asset_type_other: Mapped[str | None] = column(Text, "Type in words when 'Інше'", info=FREE_TEXT)
    is_cash: Mapped[bool] = column(Integer, "1 for cash in hand")
    currency_code: Mapped[str | None] = column(Text, "Currency (ISO 4217 code)")
    currency_status: Mapped[str | None] = column(Text, STATUS)
    amount_minor, amount_status = _money("Amount in its currency")
    institution_name: Mapped[str | None] = column(Text, "Bank or other institution", info=FREE_TEXT)
    institution_code: Mapped[str | None] = column(Text, "Institution's EDRPOU code")


class DeclaredExpense(DeclaredItem, Base):
    __tablename__ = "declared_expenses"
    __table_args__ = {
        "comment": "Expenses and transactions declared (in change notices: the purchase reported).",
        "info": _info("expense_type", ["expense_type", "subject"]),
    }
    expense_type: Mapped[str | None] = column(Text, "Kind of expense or transaction")
    subject: Mapped[str | None] = column(Text, "What it was for (Нерухоме майно, Рухоме майно…)")
    description: Mapped[str | None] = column(Text, "The declared details", info=FREE_TEXT)
    amount_minor, amount_status = _money("Amount")
    currency_code: Mapped[str] = column(Text, "Currency (UAH)")
    expense_date: Mapped[str | None] = column(Text, "Date (ISO 8601)")


class DeclarationYearTotal(Base):
    __tablename__ = "declaration_year_totals"
    __table_args__ = (
        Index("ix_declaration_year_totals_person", "person_id"),
        {
            "comment": "Per declarant and year, by currency: declared income and money, and the "
            "change from the previous declared year. From the year's latest declaration; "
            "change notices are left out; hidden amounts are counted, not guessed.",
            "info": _info(None, ["currency_code", "declaration_year"]),
        },
    )
    source: Mapped[str] = column(Text, "Source of the declarations")
    document_id: Mapped[str] = column(
        Text, "The year's declaration", ForeignKey("declarations.document_id"), primary_key=True
    )
    currency_code: Mapped[str] = column(Text, "Currency", primary_key=True)
    person_id: Mapped[str | None] = column(
        Text, "The declarant as a portal person", ForeignKey("persons.person_id")
    )
    user_declarant_id: Mapped[int | None] = column(Integer, "NAZK declarant id")
    declaration_year: Mapped[int] = column(Integer, "Year")
    income_minor: Mapped[int | None] = column(
        Integer, "All income declared (all owners), hundredths of UAH; UAH rows only"
    )
    money_minor: Mapped[int | None] = column(
        Integer, "All money declared in this currency (all owners), hundredths"
    )
    cash_minor: Mapped[int | None] = column(Integer, "Of which cash in hand, hundredths")
    hidden_amounts: Mapped[int] = column(
        Integer, "Amounts the register hides or lacks: the totals are lower bounds when > 0"
    )
    previous_year: Mapped[int | None] = column(Integer, "The previous year declared")
    previous_money_minor: Mapped[int | None] = column(
        Integer, "Money in this currency that year, hundredths"
    )
    money_change_minor: Mapped[int | None] = column(
        Integer, "Change of money since the previous year declared, hundredths"
    )


class RedFlag(Base):
    __tablename__ = "red_flags"
    __table_args__ = (
        Index("ix_red_flags_person", "person_id"),
        {
            "comment": "Editorial red flags: a rule met, with its threshold shown. A prompt to "
            "look closer, not an accusation; the facts are in the declaration tables.",
            "info": _info("title", ["flag_code", "declaration_year"]),
        },
    )
    flag_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    source: Mapped[str] = column(Text, "Source of the facts the rule was applied to")
    flag_code: Mapped[str] = column(Text, "The rule's code")
    title: Mapped[str] = column(Text, "The rule in a few words")
    rule: Mapped[str] = column(Text, "The rule in full")
    threshold: Mapped[str] = column(Text, "The rule's threshold")
    threshold_unit: Mapped[str] = column(Text, "Unit of the threshold")
    threshold_value: Mapped[str] = column(Text, "The threshold worked out for this case")
    measured_value: Mapped[str] = column(Text, "What was measured")
    person_id: Mapped[str | None] = column(
        Text, "The declarant as a portal person", ForeignKey("persons.person_id")
    )
    user_declarant_id: Mapped[int | None] = column(Integer, "NAZK declarant id")
    declaration_year: Mapped[int] = column(Integer, "Year")
    document_id: Mapped[str] = column(
        Text, "The declaration", ForeignKey("declarations.document_id")
    )


class MinimumWage(Base):
    __tablename__ = "minimum_wages"
    __table_args__ = {
        "comment": "The minimum monthly wage on 1 January of each year, set by the state budget "
        "law: the unit of the legal limits and of the red-flag thresholds.",
        "info": {"sources": [], "facets": []},
    }
    year: Mapped[int] = column(Integer, "Year", primary_key=True)
    minimum_wage_uah: Mapped[int] = column(Integer, "Minimum monthly wage, UAH")
    law: Mapped[str] = column(Text, "The law that set it")
