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
    from django.utils import translation

    from followup.corpus.actions import do_load_registries
    from followup.tracking.actions import do_ensure_parties

    translation.activate(settings.LANGUAGE_CODE)  # the command line speaks the site's language
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
@click.option(
    "--wait",
    is_flag=True,
    help="With a job queue: wait until the workers have ingested every file, and report each.",
)
def ingest(paths, recursive, max_size, source_url, published_on, wait) -> None:
    """Read files (txt, md, html, pdf, docx) into the corpus; one line per failure, a summary at
    the end. Each file is a job: run here, or put on the queue for `followup worker`."""
    prepare_database()
    failed = ingest_files(
        paths,
        recursive=recursive,
        wait=wait,
        max_bytes=max_size,
        source_url=source_url,
        published_on=published_on.date().isoformat() if published_on else None,
    )
    if failed:
        sys.exit(1)


def ingest_files(paths, *, recursive=False, wait=True, inline=None, **options) -> int:
    """Ingest (inline) or enqueue each file, and report; returns the number of files that failed.
    ``inline`` None follows FOLLOWUP_JOBS_QUEUE."""
    from followup import jobs
    from followup.corpus.actions import expand_paths
    from followup.corpus.models import Job

    files = list(expand_paths(paths, recursive=recursive))
    arguments = {k: v for k, v in options.items() if v not in (None, "")}
    with _progress(len(files), "file") as progress:
        submitted = []
        for path in files:
            job = jobs.submit(
                Job.INGEST, {"path": str(Path(path).absolute()), **arguments}, inline=inline
            )
            submitted.append(job)
            if job.finished_at:
                _report(progress, job, str(path))
            progress.update(1)
    queued = jobs.uses_queue() and not inline
    if queued and not wait:
        click.echo(f"{len(files)} file(s) queued; `followup jobs` shows how they are doing.")
        return 0
    finished = _wait_for(submitted, [str(p) for p in files]) if queued else submitted
    counts = {"ingested": 0, "unchanged": 0, "failed": 0}
    for job in finished:
        counts[job.outcome or "failed"] += 1
    click.echo(
        f"{len(files)} file(s): {counts['ingested']} ingested, "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed."
    )
    return counts["failed"]


def _progress(total: int, unit: str):
    from tqdm import tqdm

    return tqdm(
        total=total, unit=unit, file=sys.stderr, disable=True if total < 2 else None, leave=False
    )


def _report(progress, job, label: str) -> None:
    """One line for a finished job: the outcome of ingesting a file, with the path given."""
    line = job.result or f"{label}: failed: {job.reason}"
    absolute = job.arguments.get("path", "")
    if absolute and line.startswith(absolute):
        line = label + line[len(absolute) :]
    progress.write(line, file=sys.stderr if job.state == job.FAILED else sys.stdout)


def _wait_for(submitted, labels, poll: float = 0.5):
    """Follow queued jobs until every one has finished, with a progress bar and a line each."""
    import time

    from followup.corpus.models import Job

    label_of = {job.pk: label for job, label in zip(submitted, labels, strict=True)}
    pending, finished = set(label_of), []
    with _progress(len(pending), "file") as progress:
        while pending:
            done = list(
                Job.objects.filter(pk__in=pending, state__in=[Job.DONE, Job.FAILED]).exclude(
                    finished_at=None
                )
            )
            for job in done:
                _report(progress, job, label_of[job.pk])
                pending.discard(job.pk)
                finished.append(job)
            progress.update(len(done))
            if pending:
                time.sleep(poll)
    return finished


@main.command()
@click.option("--threads", default=1, show_default=True, help="Jobs run at once in this process.")
def worker(threads) -> None:
    """Run queued jobs (ingestion, re-extraction, reclassification, index builds) until
    stopped. Start one per core, on any number of machines sharing the database and Redis."""
    from followup import jobs

    prepare_database()
    if not jobs.uses_queue():
        raise click.ClickException(
            "FOLLOWUP_JOBS_QUEUE is inline: there is no queue to consume "
            "(set FOLLOWUP_REDIS_URL, or FOLLOWUP_JOBS_QUEUE=sqlite)"
        )
    click.echo(f"followup worker {jobs.worker_name()}: waiting for jobs (Ctrl+C to stop)")
    jobs.run_worker(threads)


@main.command(name="jobs")
@click.option(
    "--state",
    type=click.Choice(["queued", "running", "done", "failed"]),
    multiple=True,
    help="Only jobs in this state (repeatable). Default: queued, running and failed.",
)
@click.option("--limit", default=50, show_default=True, help="Show at most this many jobs.")
@click.option("--retry", "retry_ids", type=int, multiple=True, help="Run this failed job again.")
def jobs_command(state, limit, retry_ids) -> None:
    """List background jobs with their state and the reason of each failure; retry failed ones."""
    from followup import jobs
    from followup.corpus.models import Job

    prepare_database()
    for job_id in retry_ids:
        job = Job.objects.filter(pk=job_id).first()
        if job is None:
            raise click.ClickException(f"--retry: no job {job_id}")
        if job.state != Job.FAILED:
            raise click.ClickException(f"--retry: job {job_id} is {job.state}, not failed")
        job = jobs.retry(job)
        click.echo(f"job {job.pk}: {job.state}" + (f": {job.result}" if job.result else ""))
    if retry_ids:
        return
    states = list(state) or [Job.QUEUED, Job.RUNNING, Job.FAILED]
    shown = Job.objects.filter(state__in=states).order_by("-id")[:limit]
    counts = {s: Job.objects.filter(state=s).count() for s in (Job.QUEUED, Job.RUNNING, Job.FAILED)}
    for job in shown:
        what = job.arguments.get("path") or job.arguments.get("document") or job.kind
        line = f"{job.pk:>6}  {job.state:<7} {job.kind:<10} {what}"
        if job.state == Job.FAILED:
            line += f"  ({job.reason})"
        elif job.state == Job.RUNNING:
            line += f"  on {job.worker}"
        if job.attempts > 1:
            line += f"  [{job.attempts} tries]"
        click.echo(line)
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items()) + ".")


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
    """Run the extraction again on stored documents (all, or those named by id), one job a
    document. Items an analyst edited are kept."""
    from followup import jobs
    from followup.corpus.models import Document, Job

    prepare_database()
    documents = Document.objects.order_by("pk")
    if document_ids:
        documents = documents.filter(pk__in=document_ids)
        missing = set(document_ids) - set(documents.values_list("pk", flat=True))
        if missing:
            raise click.ClickException(
                f"no document with id {', '.join(map(str, sorted(missing)))}"
            )
    ids = list(documents.values_list("pk", flat=True))
    submitted = []
    with _progress(len(ids), "document") as progress:
        for pk in ids:
            job = jobs.submit(Job.REEXTRACT, {"document": pk})
            submitted.append(job)
            if job.state == Job.FAILED:
                progress.write(job.result, file=sys.stderr)
            progress.update(1)
    if jobs.uses_queue():
        click.echo(f"{len(ids)} document(s) queued for extraction.")
        return
    from followup.corpus.models import Item

    total = Item.objects.filter(document_id__in=ids, origin=Item.MACHINE).count()
    failed = sum(job.state == Job.FAILED for job in submitted)
    click.echo(
        f"{len(ids)} document(s) re-extracted, {total} item(s) created"
        + (f", {failed} failed." if failed else ".")
    )
    if failed:
        sys.exit(1)


@main.command()
@click.option("--batch", default=500, show_default=True, help="Items classified per transaction.")
def reclassify(batch) -> None:
    """Classify every item again (pillars, themes, population groups, SDGs), recompute its
    vector, then the near-duplicate groups of the corpus. Labels analysts confirmed are kept."""
    from followup import jobs
    from followup.corpus.models import Item, Job

    prepare_database()
    ids = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    with _progress(len(ids), "item") as progress:
        for offset in range(0, len(ids), batch):
            chunk = ids[offset : offset + batch]
            jobs.submit(Job.RECLASSIFY, {"items": chunk})
            progress.update(len(chunk))
    index = jobs.submit(Job.INDEX, {})
    if jobs.uses_queue():
        click.echo(f"{len(ids)} item(s) queued for classification, then the index.")
        return
    from followup.corpus.actions.items import CLASSIFIED_KINDS

    done = Item.objects.filter(pk__in=ids, kind__in=CLASSIFIED_KINDS).count()
    click.echo(f"{done} item(s) classified again; {index.result.split('; ')[-1]}.")


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


@main.command(name="train-ranking")
@click.option(
    "--graded",
    type=click.Path(exists=True, dir_okay=False),
    help="A YAML file of graded (target, action) pairs named by document and span.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    help="Where to save the weights (default: the package's ranking model).",
)
def train_ranking(graded, output) -> None:
    """Fit the ranking of implementation evidence on graded pairs and on the analysts'
    confirmations and rejections, and save its weights (src/followup/link/models/ranking.json)."""
    from followup.corpus.actions.ranking import do_train_ranking
    from followup.link.ranking import MODEL_FILE, RankingError

    prepare_database()
    try:
        target = Path(output) if output else MODEL_FILE
        ranker = do_train_ranking(Path(graded) if graded else None, target)
    except RankingError as err:
        raise click.ClickException(str(err)) from err
    weights = ", ".join(f"{name} {value:+.2f}" for name, value in ranker.weights.items())
    click.echo(f"ranking fitted on {ranker.fitted_on}; weights: {weights}; saved to {target}")


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
    """E-mail the reminders due today: reporting obligations to the parties' members, and
    petition deadlines to the petitioner or the State's agents (each reminder is sent once)."""
    from followup.tracking.reminders import do_send_reminders

    prepare_database()
    from followup.petitions.notices import do_send_deadline_reminders

    sent = do_send_reminders(days_before=days_before, days_after=days_after)
    sent += do_send_deadline_reminders(days_before=days_before, days_after=days_after)
    click.echo(f"{sent} reminder(s) sent.")


@main.group()
def petitions() -> None:
    """Petitions and precautionary measures."""


@petitions.command(name="figures")
@click.option("--year", type=int, required=True, help="The year of the initial reviews.")
@click.option(
    "--language", default="en", show_default=True, type=click.Choice(["en", "es", "pt", "fr"])
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def petitions_figures(year, language, as_json) -> None:
    """The year's initial review: petitions evaluated, by year received and by outcome."""
    import json

    from django.utils.translation import override

    from followup.petitions.queries import year_review_figures
    from followup.petitions.views import review_sentence

    prepare_database()
    figures = year_review_figures(year)
    if as_json:
        click.echo(json.dumps(figures.as_dict(), indent=2))
        return
    with override(language):
        click.echo(review_sentence(figures))


@main.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--dry-run", is_flag=True, help="List the rows that would be rejected, and change nothing."
)
@click.option("--user", "username", required=True, help="The analyst the import is recorded under.")
def import_command(path, dry_run, username) -> None:
    """Import mandates or recommendations with their statuses from CSV or XLSX (see docs/import.md)."""
    from django.contrib.auth import get_user_model

    from followup.errors import ActionError
    from followup.tracking.imports import ImportFileError, import_items

    prepare_database()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise click.ClickException(f"--user: no user {username!r}")
    try:
        result = import_items(Path(path).name, Path(path).read_bytes(), user, dry_run=dry_run)
    except ImportFileError as err:
        raise click.ClickException(str(err)) from err
    except ActionError as err:
        raise click.ClickException(f"--user {username}: {err.message}") from err
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


@main.group()
def consult() -> None:
    """The consultation portal's maintenance."""


@consult.command()
@click.option("--fix", is_flag=True, help="Store the recounted values where they drifted.")
def reconcile(fix) -> None:
    """Recount supports and comments from their rows and report any drift from the counters."""
    from followup.consult.actions import reconcile_counters

    drifts = reconcile_counters(fix=fix)
    for proposal, counter, stored, counted in drifts:
        click.echo(f"proposal {proposal}: {counter} stored {stored}, counted {counted}")
    click.echo(f"{len(drifts)} drift(s){' fixed' if fix and drifts else ''}.")
    if drifts and not fix:
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Server processes (default: FOLLOWUP_WEB_WORKERS, 2).",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=None,
    help="Threads per process (default: FOLLOWUP_WEB_THREADS, 4).",
)
@click.option(
    "--dev",
    is_flag=True,
    help="Django's development server instead (one process, not for production).",
)
def serve(host, port, workers, threads, dev) -> None:
    """Serve the web app and the API with gunicorn, static files by whitenoise."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from followup.deploy import ensure_secret_key

    if dev:
        prepare_database()
        _serve_development(host, port)
        return
    try:
        ensure_secret_key()
    except ImproperlyConfigured as err:
        raise click.ClickException(str(err)) from err
    prepare_database()
    _collect_static()
    workers = workers or settings.FOLLOWUP_WEB_WORKERS
    threads = threads or settings.FOLLOWUP_WEB_THREADS
    click.echo(
        f"followup is running at http://{host}:{port}/ with {workers} process(es) of "
        f"{threads} thread(s)  (Ctrl+C to stop)"
    )
    sys.stdout.flush()
    # gunicorn replaces this process, so signals from a supervisor reach it directly.
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "followup.wsgi:application",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--worker-class=gthread",
            "--access-logfile=-",
        ],
    )


def _collect_static() -> None:
    """Copy the static files under FOLLOWUP_DATA_DIR, where whitenoise serves them from."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _serve_development(host: str, port: int) -> None:
    from django.core.management import call_command

    from followup.deploy import DEVELOPMENT_SERVER

    os.environ[DEVELOPMENT_SERVER] = "1"
    click.echo(
        f"followup (development server) is running at http://{host}:{port}/  (Ctrl+C to stop)"
    )
    call_command(
        "runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True, skip_checks=True
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Prepare the demo database and stop.")
@click.option(
    "--build-snapshot",
    is_flag=True,
    help="Ingest the sample corpus into a fresh database and ship the result as the snapshot "
    "the demo loads (src/followup/fixtures/demo_corpus.json.gz).",
)
def demo(host, port, no_serve, build_snapshot) -> None:
    """Create the demo database, load the sample corpus, and serve the web app."""
    from django.contrib.auth import get_user_model

    from followup.consult.demo import do_seed_consult_demo
    from followup.measures.demo import do_seed_measures_demo
    from followup.petitions.demo import do_seed_petitions_demo
    from followup.tracking.demo import PASSWORD, do_seed_demo

    if build_snapshot:
        _build_snapshot()
        return
    prepare_database()
    _demo_corpus()
    username, password = DEMO_USER
    users = get_user_model().objects
    if not users.filter(username=username).exists():
        users.create_superuser(username, f"{username}@example.org", password)
    click.echo(f"Demo administrator: {username} / {password}")
    # The demo's own history shows in the accounts' notifications; it is not e-mailed.
    from django.test.utils import override_settings

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        accounts = do_seed_demo()
        accounts += do_seed_petitions_demo()
        do_seed_consult_demo(users.get(username="analyst"), PASSWORD)
    click.echo(f"Demo measures: {do_seed_measures_demo()} in the log.")
    click.echo(
        f"Demo accounts (password {PASSWORD}): " + ", ".join(f"{u} ({r})" for u, r in accounts)
    )
    if not no_serve:
        _serve_development(host, port)


def _demo_corpus(snapshot=None, corpus=SAMPLE_CORPUS) -> None:
    """A fresh database gets the sample corpus from the snapshot when the snapshot is current;
    otherwise (and on a database that has documents) the corpus is ingested live."""
    from followup import demo_snapshot
    from followup.corpus.models import Document

    snapshot = snapshot or demo_snapshot.SNAPSHOT
    if not Document.objects.exists():
        if demo_snapshot.is_current(snapshot, corpus):
            try:
                count = demo_snapshot.load_snapshot(snapshot)
            except Exception as error:  # a snapshot the current schema cannot take
                click.echo(f"The demo snapshot could not be loaded ({error}).")
            else:
                click.echo(f"Demo corpus: {count} documents loaded from the snapshot.")
                return
        else:
            click.echo(
                "The demo snapshot does not match the sample corpus or the extraction code "
                "(rebuild it with `followup demo --build-snapshot`)."
            )
        click.echo("Ingesting the sample corpus instead; this takes a few minutes.")
    ingest_files([corpus], recursive=True, inline=True)


def _build_snapshot() -> None:
    """Ingest the sample corpus into a new SQLite database in a temporary folder (another
    process, so nothing of this one's database leaks in) and write the snapshot from it."""
    import subprocess
    import tempfile

    from followup import demo_snapshot

    if os.environ.get("FOLLOWUP_BUILDING_SNAPSHOT"):
        prepare_database()
        ingest_files([SAMPLE_CORPUS], recursive=True, inline=True)
        rows = demo_snapshot.write_snapshot()
        click.echo(f"Snapshot written: {rows} rows, {demo_snapshot.SNAPSHOT}.")
        return
    with tempfile.TemporaryDirectory() as folder:
        environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        environment.update(FOLLOWUP_DATA_DIR=folder, FOLLOWUP_BUILDING_SNAPSHOT="1")
        code = "from followup.cli import main; main()"
        command = [sys.executable, "-c", code, "demo", "--build-snapshot"]
        sys.exit(subprocess.run(command, env=environment).returncode)


def _app_commands() -> None:
    """Command groups that apps define next to their code."""
    from followup.measures.cli import measures

    main.add_command(measures)


_app_commands()
