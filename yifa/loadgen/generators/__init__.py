"""Module generators, in the order they run: (app, module). A module that is not installed is skipped (its
generator is not even imported, since importing its models would fail)."""

import importlib

MODULES = ["core", "mediation", "petitions", "enforcement", "oversight", "training", "disclosure", "legal_review",
           "decisions", "normative_docs"]
APPS = {name: "yifa.core" if name == "core" else f"yifa.{name}" for name in MODULES}


def generator(name: str):
    return importlib.import_module(f"{__name__}.{name}").generate
