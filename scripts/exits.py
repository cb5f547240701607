"""How a `saraban` command stops on a problem: one line on stderr, `saraban: ` and what to
do, then the exit code (2, bad usage or configuration, unless told otherwise; the codes are
listed in docs/interface.md, "Exit codes")."""
from __future__ import annotations

import sys

import click

EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE):
    click.echo(f"saraban: {message}", err=True)
    sys.exit(code)
