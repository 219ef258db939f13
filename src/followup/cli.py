"""The ``followup`` command. Errors become one clean line here, at the edge, never deeper."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

SAMPLE_CORPUS = Path(__file__).parent / "sample_corpus"
DEMO_USER = ("admin", "admin-demo")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
    import django

    django.setup()


def prepare_database(verbosity: int = 0) -> None:
    """Create or migrate the database and load the registries; safe to repeat."""
    from django.conf import settings
    from django.core.management import call_command

    from followup.corpus.actions import do_load_registries
    from followup.tracking.actions import do_ensure_parties

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=verbosity)
    do_load_registries()
    do_ensure_parties()


@click.group()
@click.version_option(package_name="followup")
def main() -> None:
    """followup: follow-up and implementation of intergovernmental mandates and recommendations."""
    setup_django()


@main.command()
def setup() -> None:
    """Create or migrate the database and load the country and body registries."""
    prepare_database(verbosity=1)
    click.echo("Database ready.")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--recursive", "-r", is_flag=True, help="Ingest the supported files under folders.")
@click.option(
    "--max-size",
    type=int,
    default=None,
    help="Refuse files over this many bytes (default: FOLLOWUP_MAX_FILE_BYTES, 50 MB).",
)
@click.option("--source-url", default="", help="Where the documents were published.")
@click.option(
    "--published-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Publication date, YYYY-MM-DD.",
)
def ingest(paths, recursive, max_size, source_url, published_on) -> None:
    """Read files (txt, md, html, pdf, docx) into the corpus; one line per failure, a summary at the end."""
    prepare_database()
    failed = ingest_files(
        paths,
        recursive=recursive,
        max_bytes=max_size,
        source_url=source_url,
        published_on=published_on.date() if published_on else None,
    )
    if failed:
        sys.exit(1)


def ingest_files(paths, *, recursive=False, **options) -> int:
    """Ingest and report; returns the number of files that failed."""
    from tqdm import tqdm

    from followup.corpus.actions import do_ingest_file, expand_paths

    files = list(expand_paths(paths, recursive=recursive))
    counts = {"ingested": 0, "unchanged": 0, "failed": 0}
    with tqdm(
        files, unit="file", file=sys.stderr, disable=True if len(files) < 2 else None, leave=False
    ) as progress:
        for path in progress:
            outcome = do_ingest_file(path, **options)
            counts[outcome.status] += 1
            progress.write(
                outcome.describe(), file=sys.stderr if outcome.status == "failed" else sys.stdout
            )
    click.echo(
        f"{len(files)} file(s): {counts['ingested']} ingested, "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed."
    )
    return counts["failed"]


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
)
def extract(path, output_format) -> None:
    """Print the items extracted from one file (no database needed)."""
    import json

    from followup.classify import add_population_groups
    from followup.extract import extract as extract_items
    from followup.read import ReadError, read_path

    try:
        document = read_path(path)
    except ReadError as err:
        raise click.ClickException(f"{path}: {err}") from err
    items = extract_items(document)
    add_population_groups(items)
    for item in items:
        if output_format == "jsonl":
            click.echo(json.dumps(item.as_record(Path(path).name), ensure_ascii=False))
        else:
            click.echo(f"{item.kind:<14} {item.start:>7}-{item.end:<7} {item.text[:100]}")


@main.command()
@click.argument("document_ids", nargs=-1, type=int)
def reextract(document_ids) -> None:
    """Run the extraction again on stored documents (all, or those named by id). Items an
    analyst edited are kept."""
    from tqdm import tqdm

    from followup.corpus.actions import do_extract_document
    from followup.corpus.models import Document

    prepare_database()
    documents = Document.objects.order_by("pk")
    if document_ids:
        documents = documents.filter(pk__in=document_ids)
        missing = set(document_ids) - set(documents.values_list("pk", flat=True))
        if missing:
            raise click.ClickException(
                f"no document with id {', '.join(map(str, sorted(missing)))}"
            )
    total = 0
    for document in tqdm(
        list(documents), unit="document", file=sys.stderr, disable=None, leave=False
    ):
        total += do_extract_document(document)
    click.echo(f"{len(documents)} document(s) re-extracted, {total} item(s) created.")


@main.command()
@click.option("--batch", default=500, show_default=True, help="Items classified per transaction.")
def reclassify(batch) -> None:
    """Classify every item again (pillars, themes, population groups, SDGs), recompute its
    vector, then the near-duplicate groups of the corpus. Labels analysts confirmed are kept."""
    from tqdm import tqdm

    from followup.corpus.actions import do_reclassify
    from followup.corpus.models import Item

    prepare_database()
    ids = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    with tqdm(total=len(ids), unit="item", file=sys.stderr, disable=None) as progress:
        for offset in range(0, len(ids), batch):
            chunk = Item.objects.filter(pk__in=ids[offset : offset + batch])
            done += do_reclassify(list(chunk))
            progress.update(len(ids[offset : offset + batch]))
    from followup.corpus.actions.links import do_group_duplicates

    found = do_group_duplicates()
    click.echo(f"{done} item(s) classified again; {len(found)} group(s) of near-duplicates.")


@main.command(name="eval-classify")
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Gold items with a groups field, for population groups.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_classify(gold_path, as_json) -> None:
    """Measure the classifier: SDG relevance accuracy on the public SDG classification
    benchmark (5-fold cross-validated), and population groups against gold annotations."""
    import json

    from followup.classify.evaluate import groups_report, sdg_report, sdg_spanish_report

    report = {"sdg": sdg_report(), "sdg_spanish": sdg_spanish_report()}
    if gold_path:
        report["groups"] = groups_report(Path(gold_path))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    sdg = report["sdg"]
    click.echo(
        f"SDG relevance, {sdg['texts']} benchmark texts, 5-fold cross-validated accuracy: {sdg['accuracy'] * 100:.1f}"
    )
    click.echo("  per SDG: " + ", ".join(f"{g}: {a * 100:.0f}" for g, a in sdg["per_goal"].items()))
    click.echo(
        "  published leaderboard: "
        + ", ".join(f"{name} {score}" for name, score in sdg["leaderboard"].items())
    )
    spanish = report["sdg_spanish"]
    click.echo(
        f"SDG relevance in Spanish, {spanish['texts']} benchmark texts we translated (model fitted without them): "
        f"{spanish['accuracy_es'] * 100:.1f}; the same texts in English: {spanish['accuracy_en_same_texts'] * 100:.1f}"
    )
    if "groups" in report:
        groups = report["groups"]
        click.echo(
            f"population groups, {groups['texts']} gold items: micro F1 {groups['micro_f1']:.3f}, macro F1 {groups['macro_f1']:.3f}"
        )


@main.command(name="train-classifier")
def train_classifier() -> None:
    """Fit the SDG relevance model on the benchmark and on the SDG labels analysts confirmed,
    and save it (src/followup/classify/models/sdg.json)."""
    import json

    from followup.classify.sdg import MODEL_FILE, benchmark_rows, examples, fit, probabilities
    from followup.corpus.models import ItemLabel

    prepare_database()
    rows = benchmark_rows()
    confirmed = ItemLabel.objects.filter(taxonomy="sdgs", source=ItemLabel.ANALYST).select_related(
        "item"
    )
    rows += [
        {"text": label.item.text, "sdg": int(label.label.split("-")[1]), "label": True}
        for label in confirmed
    ]
    x, y, _goal = examples(rows)
    model = fit(x, y)
    MODEL_FILE.write_text(json.dumps(model, indent=1))
    accuracy = float(((probabilities(x, model) >= 0.5) == y.astype(bool)).mean())
    click.echo(
        f"SDG model fitted on {len(rows)} examples ({confirmed.count()} confirmed by analysts); training accuracy {accuracy * 100:.1f}; saved to {MODEL_FILE}"
    )


@main.command(name="send-reminders")
@click.option(
    "--days-before", default=14, show_default=True, help="Remind this many days before a due date."
)
@click.option(
    "--days-after",
    default=1,
    show_default=True,
    help="Remind this many days after a missed due date.",
)
def send_reminders(days_before, days_after) -> None:
    """E-mail the reminders due today to the parties' members (each reminder is sent once)."""
    from followup.tracking.reminders import do_send_reminders

    prepare_database()
    sent = do_send_reminders(days_before=days_before, days_after=days_after)
    click.echo(f"{sent} reminder(s) sent.")


@main.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--dry-run", is_flag=True, help="List the rows that would be rejected, and change nothing."
)
@click.option("--user", "username", required=True, help="The analyst the import is recorded under.")
def import_command(path, dry_run, username) -> None:
    """Import mandates or recommendations with their statuses from CSV or XLSX (see docs/import.md)."""
    from django.contrib.auth import get_user_model

    from followup.tracking.imports import ImportFileError, import_items

    prepare_database()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise click.ClickException(f"--user: no user {username!r}")
    try:
        result = import_items(Path(path).name, Path(path).read_bytes(), user, dry_run=dry_run)
    except ImportFileError as err:
        raise click.ClickException(str(err)) from err
    for row in result.rejected:
        click.echo(f"{path}, row {row.number}: rejected: {'; '.join(row.errors)}", err=True)
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{len(result.rows)} row(s): {len(result.rejected)} rejected, {verb} {len(result.rows) - len(result.rejected) if dry_run else result.imported}."
    )
    if result.rejected:
        sys.exit(1)


@main.command(name="eval")
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gold annotations, one JSON object per line.",
)
@click.option(
    "--docs",
    "docs_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder holding the documents the gold file names.",
)
@click.option(
    "--held-out-gold",
    type=click.Path(exists=True, dir_okay=False),
    help="Gold annotations of documents nobody tuned the extraction on.",
)
@click.option(
    "--held-out-docs",
    type=click.Path(exists=True, file_okay=False),
    help="Folder holding the held-out documents.",
)
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 100))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(gold_path, docs_dir, held_out_gold, held_out_docs, folds, as_json) -> None:
    """Score the extraction against gold annotations: P/R/F1 per kind and field accuracy; with
    held-out documents, a second column scored by document-level cross-validation."""
    import json

    from followup.extract.evaluate import cross_validate, evaluate_folder

    if bool(held_out_gold) != bool(held_out_docs):
        raise click.UsageError("--held-out-gold and --held-out-docs go together")
    try:
        if held_out_gold:
            report = cross_validate(
                (Path(gold_path), Path(docs_dir)),
                (Path(held_out_gold), Path(held_out_docs)),
                folds=folds,
            )
            columns = [("tuned", report["tuned"]), ("held-out", report["held_out"])]
        else:
            report = evaluate_folder(Path(gold_path), Path(docs_dir))
            columns = [("", report)]
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    _print_scores(columns)


def _print_scores(columns: list[tuple[str, dict]]) -> None:
    """One block of P/R/F1 columns per report, side by side."""
    cells = f"{'gold':>6}{'pred':>6}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}"
    if columns[0][0]:
        titles = [f"{label} ({r['documents']} documents)" for label, r in columns]
        click.echo(" " * 15 + "".join(f"  {title:<{len(cells)}}" for title in titles))
    click.echo(f"{'kind':<15}" + "".join(f"  {cells}" for _ in columns))
    kinds = sorted({kind for _, r in columns for kind in r["kinds"]})
    empty = {"gold": 0, "predicted": 0, "matched": 0, "precision": 0, "recall": 0, "f1": 0}
    for kind in kinds:
        line = f"{kind:<15}"
        for _, r in columns:
            row = r["kinds"].get(kind, empty)
            line += (
                f"  {row['gold']:>6}{row['predicted']:>6}{row['matched']:>7}"
                f"{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}"
            )
        click.echo(line)
    for label, r in columns:
        click.echo(
            f"field accuracy on matched pairs{f' ({label})' if label else ''}: "
            + ", ".join(f"{k} {v:.3f}" for k, v in r["fields"].items())
        )
        for problem in r["problems"]:
            click.echo(f"warning: {problem}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host, port) -> None:
    """Serve the web app and the API."""
    prepare_database()
    _serve(host, port)


def _serve(host: str, port: int) -> None:
    from django.core.management import call_command

    click.echo(f"followup is running at http://{host}:{port}/  (Ctrl+C to stop)")
    call_command(
        "runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True, skip_checks=True
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Prepare the demo database and stop.")
def demo(host, port, no_serve) -> None:
    """Create the demo database, ingest the sample corpus, and serve the web app."""
    from django.contrib.auth import get_user_model

    from followup.tracking.demo import PASSWORD, do_seed_demo

    prepare_database()
    ingest_files([SAMPLE_CORPUS], recursive=True)
    username, password = DEMO_USER
    users = get_user_model().objects
    if not users.filter(username=username).exists():
        users.create_superuser(username, f"{username}@example.org", password)
    click.echo(f"Demo administrator: {username} / {password}")
    accounts = do_seed_demo()
    click.echo(
        f"Demo accounts (password {PASSWORD}): " + ", ".join(f"{u} ({r})" for u, r in accounts)
    )
    if not no_serve:
        _serve(host, port)
