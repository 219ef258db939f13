"""``followup measures …``: import and export OxCGRT files, rebuild the panel."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group(name="measures")
def measures() -> None:
    """Country measures: OxCGRT import and export, the daily panel."""


@measures.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def import_files(paths) -> None:
    """Import OxCGRT CSV files (layout detected from the header; index columns ignored). A file
    with any bad row is not stored at all; each error names the file, row and column."""
    from followup.cli import prepare_database

    from .actions import do_import_oxcgrt

    prepare_database()
    failed = 0
    for path in paths:
        outcome = do_import_oxcgrt(path)
        for error in outcome.errors:
            click.echo(error, err=True)
        click.echo(outcome.describe(), err=not outcome.ok)
        failed += not outcome.ok
    if failed:
        sys.exit(1)


@measures.command(name="export")
@click.option(
    "--format", "output_format", type=click.Choice(["oxcgrt"]), default="oxcgrt", show_default=True
)
@click.option("--country", default=None, help="ISO 3166 alpha-3 code; all countries when absent.")
@click.option(
    "--from",
    "start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="First day, YYYY-MM-DD.",
)
@click.option(
    "--to",
    "end",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Last day, YYYY-MM-DD.",
)
@click.option(
    "--layout",
    type=click.Choice(["classic", "compact", "full"]),
    default=None,
    help="Write this OxCGRT layout instead of the one the data came in.",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write."
)
def export_file(output_format, country, start, end, layout, output) -> None:
    """Write the panel as an OxCGRT CSV, filled with the indices followup computes."""
    from followup.cli import prepare_database

    from .exports import ExportError, export_oxcgrt

    prepare_database()
    try:
        with Path(output).open("w", encoding="utf-8", newline="") as out:
            count, written = export_oxcgrt(
                out,
                country=country,
                start=start.date() if start else None,
                end=end.date() if end else None,
                layout=layout,
            )
    except ExportError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{output}: {count} rows ({written} layout).")


@measures.command(name="situation-import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def situation_import(paths) -> None:
    """Import cases and deaths (suspected and confirmed) per country and date from CSV files."""
    from followup.cli import prepare_database

    from .actions import do_import_situation

    prepare_database()
    failed = 0
    for path in paths:
        outcome = do_import_situation(path)
        for error in outcome.errors:
            click.echo(error, err=True)
        if outcome.errors:
            click.echo(f"{outcome.file_name}: failed, nothing stored", err=True)
            failed += 1
        else:
            click.echo(f"{outcome.file_name}: {outcome.stored} rows")
    if failed:
        sys.exit(1)


@measures.command(name="rebuild")
def rebuild() -> None:
    """Derive the daily panel and indices of every jurisdiction again from the log."""
    from followup.cli import prepare_database

    from .actions import do_rebuild_panel

    prepare_database()
    click.echo(f"{do_rebuild_panel()} daily values.")
