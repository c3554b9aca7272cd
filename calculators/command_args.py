"""Checks of the command-line arguments that several ``coi`` commands share.

An output file (``render -o OUT.pdf``, ``workbook -o OUT.xlsx``) and a ``--language`` option are
checked the same way, with the same one-line messages, whichever command takes them.
"""

from __future__ import annotations

from pathlib import Path

from calculators.errors import CaseError
from calculators.i18n import _

# calculators.inputs.SCENARIOS, spelled out so that building the CLI's parser (every command,
# `coi --help` too) does not import pydantic; tests/calculators/test_hardening_cli.py checks
# they agree.
SCENARIOS = ("conservative", "expected", "optimistic")


def check_output(output: Path, example: str) -> None:
    """Raise CaseError unless ``output`` can be written: not a folder, in a folder that exists.

    ``example`` is a file name such as ``case.pdf`` for the message.
    """
    if output.is_dir():
        raise CaseError(
            [
                _("{file}: is a folder (give a file name such as {example})").format(
                    file=output, example=example
                )
            ]
        )
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise CaseError(
            [_("{file}: the folder {folder} does not exist").format(file=output, folder=folder)]
        )


def language_option(language: str | None) -> str | None:
    """``--language`` checked (a locale the formatter knows) and normalised (de-AT -> de_AT)."""
    if language is None:
        return None
    from calculators.formatting import FormatError, parse_locale  # babel: only when given

    try:
        parse_locale(language)
    except FormatError as exc:
        raise CaseError([f"--language: {exc}"]) from None
    return language.replace("-", "_")
