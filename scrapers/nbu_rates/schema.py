"""Published table of the National Bank's official rates (see schema.py for the conventions)."""

from sqlalchemy import Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from pamyat.core.tables import Base, SourceRow, table_info


class ExchangeRate(SourceRow, Base):
    __tablename__ = "exchange_rates"
    __table_args__ = {
        "comment": "The National Bank of Ukraine's official hryvnia rates of every currency on "
        "the dates declared money is valued at (the last day of each declaration year), each "
        "with the answer it was read from.",
        "info": table_info(
            ["nbu_rates"],
            "currency_name",
            ["currency_code"],
            natural_key=["rate_date", "currency_code"],
        ),
    }
    rate_date: Mapped[str] = mapped_column(Text, primary_key=True)
    currency_code: Mapped[str] = mapped_column(Text, primary_key=True)
    currency_number: Mapped[int | None] = mapped_column(Integer)
    currency_name: Mapped[str | None] = mapped_column(Text)
    uah_per_unit: Mapped[str] = mapped_column(Text)
