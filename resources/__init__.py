"""Files shipped with Apology Composer: the sample workbook and apology, provider presets, icons.

They are found next to this package, so the same call works from a checkout, an installed
wheel and a frozen bundle."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``, e.g. ``resource_path("samples", "customers.xlsx")``.

    Raises FileNotFoundError naming the file when it is not shipped, so a broken bundle says
    which file it lacks instead of failing later on an odd path."""
    path = ROOT.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"The bundled file {'/'.join(parts)} is missing from {ROOT}.")
    return path


# The sample campaign (resources/samples/): the workbook, the apology and its shared discount code.
SAMPLE_CUSTOMERS = ("samples", "customers.xlsx")
SAMPLE_APOLOGY = ("samples", "apology.txt")


def sample_apology(language: str) -> tuple[str, str]:
    """The sample apology written in ``language`` ("de"), else the English one."""
    own = ("samples", f"apology-{language}.txt")
    return own if ROOT.joinpath(*own).exists() else SAMPLE_APOLOGY


SAMPLE_CODES = ("samples", "codes.txt")
SAMPLE_SHARED_CODE = "SORRY11"
# The apology that starts a campaign answering everyone who wrote in (composer.correspondents).
SAMPLE_REPLY = ("samples", "reply.txt")
