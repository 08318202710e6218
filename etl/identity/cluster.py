"""Cluster: links made transitive, within cannot-link constraints.

Links are merged strongest first. A merge is refused when it would put into one person two
records that must stay apart: two records of a group that names each person once (two Rada MP
ids are two MPs; two candidacies of one single-member election are two candidates), or a pair
that a person judged different. Refused merges are returned, so
they can go to the review queue instead of vanishing.
"""

from dataclasses import dataclass, field


@dataclass
class _Cluster:
    members: list[str]
    authority_ids: dict[str, str]  # group → the record of that group in this cluster
    keys: set[str] = field(default_factory=set)


class Clusters:
    def __init__(
        self, keys: list[str], authority: dict[str, tuple[str, str]], cannot_link: set[frozenset]
    ):
        """`authority`: key → (group, the record's id) for records of a group that names each
        person once (resolve.exclusive_group); `cannot_link`: pairs of keys judged to be
        different people."""
        self.parent = {k: k for k in keys}
        self.cannot_link = cannot_link
        self.clusters = {
            k: _Cluster([k], dict([authority[k]]) if k in authority else {}, {k}) for k in keys
        }

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def conflict(self, a: str, b: str, judged_same: bool = False) -> str | None:
        ca, cb = self.clusters[self.find(a)], self.clusters[self.find(b)]
        for source, own_id in ca.authority_ids.items():
            other = cb.authority_ids.get(source, own_id)
            if other != own_id and not judged_same:
                return f"two different {source} ids ({own_id}, {other})"
        small, large = sorted((ca, cb), key=lambda c: len(c.keys))
        for key in small.keys:
            for other in large.keys:
                if frozenset((key, other)) in self.cannot_link:
                    return f"judged different: {key} and {other}"
        return None

    def union(self, a: str, b: str, judged_same: bool = False) -> str | None:
        """Merge the clusters of a and b; returns why not, if refused. A person's "same"
        overrides the source-id rule, never another person's "different"."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        why = self.conflict(a, b, judged_same)
        if why:
            return why
        ca, cb = self.clusters.pop(ra), self.clusters.pop(rb)
        if len(ca.members) < len(cb.members):
            ra, rb, ca, cb = rb, ra, cb, ca
        self.parent[rb] = ra
        ca.members += cb.members
        ca.keys |= cb.keys
        for source, own_id in cb.authority_ids.items():
            ca.authority_ids.setdefault(source, own_id)
        self.clusters[ra] = ca
        return None

    def groups(self) -> list[list[str]]:
        return [sorted(c.members) for c in self.clusters.values()]
