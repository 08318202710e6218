"""Money trails: who really pays for a party, read across sources once every record carries its
person (after identity). Donations against the income donors declared, politicians funding
their own party, donors who may be a politician's relatives, bundles of donors, where a
party's money comes from and the names a party had.

Facts and editorial judgements stay apart: the facts are tables of their own, the judgements
are red flags with their rule and threshold (rules.yml), and a relative is asked, never
asserted, until a person judges it (data/judgements.csv).
"""
