"""What is never published about a private person, even when a source leaks it (docs/design.md,
legal facts): her tax number, birth date, bank account or street address.

Sources put them in free text: a party pays "ЗП ... П.І.Б.: Гончаренко І.Г., ІПН 1234567890,
рахунок 26207663474073"; a donor lends "приміщення за адресою: м. Рівне, вул. Міцкевича, 32,
оф. 52". Every column the schema marks as free text (`info={"free_text": True}`) is masked
before publishing, as are the values data issues quote; an organisation code column (`*_code`)
holding ten digits holds a person's tax number (an EDRPOU code has eight), and is emptied.
The city stays; the street, the house and the flat go.
"""

import re

import pandas as pd

from etl.publish.schema import TABLES_BY_NAME

TAX_NUMBER = "[ІПН приховано]"
ACCOUNT = "[рахунок приховано]"
ADDRESS = "[адресу приховано]"
DATE = "[дату приховано]"

# A tax number after its label (ІПН, ІНН, РНОКПП, ідентифікаційний код, і.к.).
_LABELLED_TAX_NUMBER = re.compile(
    r"(?i)((?:ІПН|ІНН|РНОКПП|ДРФО|і\.\s?к\.|ідент\w*\.?\s*(?:код|номер)|код\s+платника"
    r"(?:\s+податків)?|податков\w+\s+номер\w*)\s*[:№#-]?\s*)[0-9][0-9 ]{8,12}[0-9]"
)
_TEN_DIGITS = re.compile(r"(?<![0-9])[0-9]{10}(?![0-9])")
# IBANs, card numbers (four groups of four) and account numbers (12 to 29 digits in a row).
_ACCOUNT = re.compile(
    r"(?i)\bUA\s?[0-9]{2}(?:\s?[0-9]){25}\b"
    r"|(?<![0-9])[0-9]{4}(?:[ -][0-9]{4}){3}(?![0-9])"
    r"|(?<![0-9])[0-9]{12,29}(?![0-9])"
)
_LABELLED_DATE = re.compile(
    r"(?i)((?:дата\s+народження|д\.\s?н\.|р\.\s?н\.|народж\w*|birth\w*)\s*:?\s*)"
    r"[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}"
)
_ANY_DATE = re.compile(
    r"(?<![0-9])(?:[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})"
)
_STREET = (
    r"(?:вул\.|вулиця|вулиці|просп\.|проспект\w*|пр-т|пр\.|бульв\.|бульвар\w*|б-р|пров\.|"
    r"провулок|провулку|пл\.|площа|площі|шосе|узвіз|набережна|ул\.|улица|мкр\.|мікрорайон|"
    r"житловий\s+масив|ж/м)"
)
_ADDRESS = re.compile(
    rf"(?i)(?<!\w){_STREET}\s*[^,;()\n]{{1,60}}"
    r"(?:,?\s*(?:буд\.|будинок|б\.|д\.)?\s*[0-9]+[\w/-]*)?"
    r"(?:,?\s*(?:кв\.|квартира|оф\.|офіс|прим\.|приміщення|к\.)\s*[0-9]+[\w/-]*)?"
)


def is_tax_number(digits: str) -> bool:
    """Whether ten digits pass the checksum of a Ukrainian personal tax number (РНОКПП)."""
    weights = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
    total = sum(w * int(d) for w, d in zip(weights, digits, strict=False))
    return len(digits) == 10 and digits.isdigit() and total % 11 % 10 == int(digits[9])


def mask_text(text, strict: bool = False):
    """Text with private numbers, labelled birth dates and street addresses replaced. `strict`
    (values quoted by data issues, which may come from any field): also every ten-digit
    number and every date."""
    if not isinstance(text, str) or not text:
        return text
    text = _LABELLED_TAX_NUMBER.sub(lambda m: m.group(1) + TAX_NUMBER, text)
    text = _ACCOUNT.sub(ACCOUNT, text)
    text = _TEN_DIGITS.sub(
        lambda m: TAX_NUMBER if strict or is_tax_number(m.group()) else m.group(), text
    )
    text = _LABELLED_DATE.sub(lambda m: m.group(1) + DATE, text)
    if strict:
        text = _ANY_DATE.sub(DATE, text)
    return _ADDRESS.sub(ADDRESS, text)


def free_text_columns(table: str) -> list[str]:
    return [c.name for c in TABLES_BY_NAME[table].columns if c.info.get("free_text")]


def _is_personal_code(value) -> bool:
    return isinstance(value, str) and len(value) == 10 and value.isdigit()


def mask_private(tables: dict[str, pd.DataFrame]) -> None:
    """Masks every published table in place (see the module's docstring)."""
    for name, frame in tables.items():
        if name not in TABLES_BY_NAME or frame.empty:
            continue
        changed = {}
        for column in free_text_columns(name):
            if column in frame:
                changed[column] = frame[column].map(mask_text)
        for column in [c for c in frame.columns if c.endswith("_code")]:
            personal = frame[column].map(_is_personal_code)
            if personal.any():
                changed[column] = frame[column].where(~personal, None)
        if name == "data_issues" and "value" in frame:
            changed["value"] = frame["value"].map(lambda v: mask_text(v, strict=True))
        if changed:
            tables[name] = frame.assign(**changed)
