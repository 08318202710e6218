"""Published tables of the NAZK asset declarations (see schema.py for the conventions).

Hidden values are NULL, with the reason in the `*_status` column beside them: confidential,
not applicable, unknown, not provided by a family member (the register's own markers). Money is
in exact hundredths of its currency (`*_minor`: kopiykas for UAH, cents for USD).
"""

from functools import partial

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from pamyat.core.tables import FREE_TEXT, Base, SourceRow, table_info

SOURCES = ["nazk_declarations"]


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
                "declarant_name",
                ["document_type", "declaration_year", "document_shape"],
                natural_key=["document_id"],
            ),
        },
    )
    document_id: Mapped[str] = mapped_column(Text, primary_key=True)
    user_declarant_id: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))
    document_type: Mapped[str] = mapped_column(Text)
    declaration_type_code: Mapped[int] = mapped_column(Integer)
    form_type_code: Mapped[int] = mapped_column(Integer)
    is_corrected: Mapped[bool] = mapped_column(Integer)
    declaration_year: Mapped[int] = mapped_column(Integer)
    schema_version: Mapped[int | None] = mapped_column(Integer)
    document_shape: Mapped[str] = mapped_column(Text)
    declarant_name: Mapped[str] = mapped_column(Text)
    position: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    workplace: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    responsible_position: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    submitted_date: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[str | None] = mapped_column(Text)
    document_url: Mapped[str] = mapped_column(Text)


class DeclarationFamilyMember(Base):
    __tablename__ = "declaration_family_members"
    __table_args__ = {
        "comment": "Family members named in a declaration, with the region they live in "
        "(their birth dates, tax numbers and addresses are never published).",
        "info": _info("full_name", ["relation"], natural_key=["document_id", "family_member_id"]),
    }
    document_id: Mapped[str] = mapped_column(
        Text, ForeignKey("declarations.document_id"), primary_key=True
    )
    family_member_id: Mapped[str] = mapped_column(Text, primary_key=True)
    relation: Mapped[str | None] = mapped_column(Text)
    full_name: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)


class DeclaredItem:
    """The columns every declared item has: its document, its id there, and whose it is."""

    @declared_attr
    def document_id(cls) -> Mapped[str]:
        return mapped_column(Text, ForeignKey("declarations.document_id"), primary_key=True)

    item_id: Mapped[str] = mapped_column(Text, primary_key=True)
    owner_role: Mapped[str | None] = mapped_column(Text)
    family_member_id: Mapped[str | None] = mapped_column(Text)


def _money(what: str):
    return (
        mapped_column(Integer),
        mapped_column(Text),
    )


class DeclaredRealEstate(DeclaredItem, Base):
    __tablename__ = "declared_real_estate"
    __table_args__ = {
        "comment": "Real estate declared: type, area, acquisition, value, ownership (no address "
        "beyond the city).",
        "info": _info(
            "object_type",
            ["object_type", "ownership_type", "owner_role"],
            natural_key=["document_id", "item_id"],
        ),
    }
    object_type: Mapped[str | None] = mapped_column(Text)
    object_type_other: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    total_area_m2: Mapped[str | None] = mapped_column(Text)
    total_area_status: Mapped[str | None] = mapped_column(Text)
    acquired_date: Mapped[str | None] = mapped_column(Text)
    cost_minor, cost_status = _money("Value at acquisition (or as assessed, see cost_basis), UAH")
    cost_basis: Mapped[str | None] = mapped_column(Text)
    assessed_value_minor, assessed_value_status = _money("Latest assessed value, UAH")
    city: Mapped[str | None] = mapped_column(Text)
    ownership_type: Mapped[str | None] = mapped_column(Text)
    ownership_percent: Mapped[str | None] = mapped_column(Text)


class DeclaredVehicle(DeclaredItem, Base):
    __tablename__ = "declared_vehicles"
    __table_args__ = {
        "comment": "Vehicles declared (identification numbers are never published).",
        "info": _info(
            "brand", ["object_type", "brand", "owner_role"], natural_key=["document_id", "item_id"]
        ),
    }
    object_type: Mapped[str | None] = mapped_column(Text)
    object_type_other: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    brand: Mapped[str | None] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(Text)
    manufacture_year: Mapped[int | None] = mapped_column(Integer)
    acquired_date: Mapped[str | None] = mapped_column(Text)
    cost_minor, cost_status = _money("Value at acquisition, UAH")
    ownership_type: Mapped[str | None] = mapped_column(Text)
    ownership_percent: Mapped[str | None] = mapped_column(Text)


class DeclaredSecurityOrRight(DeclaredItem, Base):
    __tablename__ = "declared_securities_and_rights"
    __table_args__ = {
        "comment": "Securities, corporate rights (shares in companies) and intangible assets "
        "declared.",
        "info": _info(
            "issuer_name",
            ["kind", "object_type", "owner_role"],
            natural_key=["document_id", "kind", "item_id"],
        ),
    }
    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    object_type: Mapped[str | None] = mapped_column(Text)
    object_type_other: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    issuer_name: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    issuer_code: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[str | None] = mapped_column(Text)
    share_percent: Mapped[str | None] = mapped_column(Text)
    cost_minor, cost_status = _money("Value, UAH")
    acquired_date: Mapped[str | None] = mapped_column(Text)


class DeclaredIncome(DeclaredItem, Base):
    __tablename__ = "declared_income"
    __table_args__ = {
        "comment": "Income declared (in change notices: the one-off income reported).",
        "info": _info(
            "income_type",
            ["income_type", "payer_type", "owner_role"],
            natural_key=["document_id", "item_id"],
        ),
    }
    income_type: Mapped[str | None] = mapped_column(Text)
    income_type_other: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    amount_minor, amount_status = _money("Amount")
    currency_code: Mapped[str] = mapped_column(Text)
    payer_type: Mapped[str | None] = mapped_column(Text)
    payer_name: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    payer_code: Mapped[str | None] = mapped_column(Text)
    received_date: Mapped[str | None] = mapped_column(Text)


class DeclaredMoney(DeclaredItem, Base):
    __tablename__ = "declared_money"
    __table_args__ = {
        "comment": "Money declared: bank deposits, cash, loans given, by currency.",
        "info": _info(
            "asset_type",
            ["asset_type", "currency_code", "is_cash", "owner_role"],
            natural_key=["document_id", "item_id"],
        ),
    }
    asset_type: Mapped[str | None] = mapped_column(Text)
    asset_type_other: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    is_cash: Mapped[bool] = mapped_column(Integer)
    currency_code: Mapped[str | None] = mapped_column(Text)
    currency_status: Mapped[str | None] = mapped_column(Text)
    amount_minor, amount_status = _money("Amount in its currency")
    institution_name: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    institution_code: Mapped[str | None] = mapped_column(Text)


class DeclaredExpense(DeclaredItem, Base):
    __tablename__ = "declared_expenses"
    __table_args__ = {
        "comment": "Expenses and transactions declared (in change notices: the purchase reported).",
        "info": _info(
            "expense_type", ["expense_type", "subject"], natural_key=["document_id", "item_id"]
        ),
    }
    expense_type: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    amount_minor, amount_status = _money("Amount")
    currency_code: Mapped[str] = mapped_column(Text)
    expense_date: Mapped[str | None] = mapped_column(Text)


class DeclarationYearTotal(Base):
    __tablename__ = "declaration_year_totals"
    __table_args__ = (
        Index("ix_declaration_year_totals_person", "person_id"),
        {
            "comment": "Per declarant and year, by currency: declared income and money, and the "
            "change from the previous declared year. From the year's latest declaration; "
            "change notices are left out; hidden amounts are counted, not guessed.",
            "info": _info(
                None,
                ["currency_code", "declaration_year"],
                natural_key=["document_id", "currency_code"],
            ),
        },
    )
    source: Mapped[str] = mapped_column(Text)
    document_id: Mapped[str] = mapped_column(
        Text, ForeignKey("declarations.document_id"), primary_key=True
    )
    currency_code: Mapped[str] = mapped_column(Text, primary_key=True)
    person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))
    user_declarant_id: Mapped[int | None] = mapped_column(Integer)
    declaration_year: Mapped[int] = mapped_column(Integer)
    income_minor: Mapped[int | None] = mapped_column(Integer)
    money_minor: Mapped[int | None] = mapped_column(Integer)
    cash_minor: Mapped[int | None] = mapped_column(Integer)
    hidden_amounts: Mapped[int] = mapped_column(Integer)
    previous_year: Mapped[int | None] = mapped_column(Integer)
    previous_money_minor: Mapped[int | None] = mapped_column(Integer)
    money_change_minor: Mapped[int | None] = mapped_column(Integer)
    rate_date: Mapped[str | None] = mapped_column(Text)
    uah_per_unit: Mapped[str | None] = mapped_column(Text)
    money_uah_minor: Mapped[int | None] = mapped_column(Integer)
    cash_uah_minor: Mapped[int | None] = mapped_column(Integer)


class RedFlag(Base):
    __tablename__ = "red_flags"
    __table_args__ = (
        Index("ix_red_flags_person", "person_id"),
        {
            "comment": "Editorial red flags: a rule met, with its threshold shown. A prompt to "
            "look closer, not an accusation; the facts are in the declaration tables.",
            "info": _info(
                "title", ["flag_code", "declaration_year"], natural_key=["flag_code", "document_id"]
            ),
        },
    )
    flag_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    flag_code: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)
    threshold: Mapped[str] = mapped_column(Text)
    threshold_unit: Mapped[str] = mapped_column(Text)
    threshold_value: Mapped[str] = mapped_column(Text)
    measured_value: Mapped[str] = mapped_column(Text)
    person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))
    user_declarant_id: Mapped[int | None] = mapped_column(Integer)
    declaration_year: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[str] = mapped_column(Text, ForeignKey("declarations.document_id"))


class MinimumWage(Base):
    __tablename__ = "minimum_wages"
    __table_args__ = {
        "comment": "The minimum monthly wage on 1 January of each year, set by the state budget "
        "law: the unit of the legal limits and of the red-flag thresholds.",
        "info": {"natural_key": ["year"], "sources": [], "facets": []},
    }
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    minimum_wage_uah: Mapped[int] = mapped_column(Integer)
    law: Mapped[str] = mapped_column(Text)
