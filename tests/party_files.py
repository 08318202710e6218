"""The independent side of the party-finance tests: sums computed straight from Texty's tables of
the party register (read by the party_sheet fixture), with Decimal."""

from decimal import Decimal

EUROPEAN_SOLIDARITY = "21715714"
MONEY = "politdata_5_private_contributions.xlsx"
IN_KIND = "politdata_6_in_kind_donations.xlsx"
SPENDING = "politdata_9.1_expenditures_public_funding.xlsx"
LOCAL_ORGS = "politdata_2.1_local_orgs_info.xlsx"


def uah(value) -> Decimal:
    if value in ("", None):
        return Decimal(0)
    return Decimal(repr(value) if isinstance(value, float) else str(value).replace(",", "."))


def given(sheets, donor: dict, code: str, year: int) -> Decimal:
    """Money and in-kind from a donor (a company by its EDRPOU code, a person by name) to a
    party in a year, net of refunds, straight from the files."""
    total = Decimal(0)
    for name, column in ((MONEY, "donation_sum"), (IN_KIND, "donation_contract_price")):
        for row in sheets[name]:
            same_donor = (
                row["donor_edrpou"] == donor["edrpou_code"]
                if donor.get("edrpou_code")
                else row["donor_name"] == donor["name"]
            )
            if same_donor and (row["party_main_EDRPOU"], row["report_year"]) == (code, str(year)):
                total += uah(row[column]) - uah(row.get("donation_refund_sum"))
    return total
