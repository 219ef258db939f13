"""Storage of the measures log, the panel derived from it, and the situation series."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.corpus.models import Country, Document

from . import panel
from .codebook import CodebookError, Indicator, get_codebook

APPLIES_TO = [
    ("everyone", _("everyone")),
    ("non_vaccinated", _("non-vaccinated people")),
    ("vaccinated", _("vaccinated people")),
    ("majority", _("the majority")),
]


class Jurisdiction(models.Model):
    """A country, or a subnational jurisdiction of one (OxCGRT's RegionCode)."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="jurisdictions")
    code = models.CharField(max_length=20, unique=True, help_text="ISO3, or the region code")
    name = models.CharField(
        max_length=200, blank=True, help_text="The region's name; blank for a country"
    )
    level = models.CharField(max_length=20, default="NAT_TOTAL", help_text="OxCGRT's Jurisdiction")
    population = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Inhabitants, for the scenario models"
    )

    class Meta:
        ordering = ["country__name_en", "code"]

    def __str__(self) -> str:
        return f"{self.country.name} — {self.name}" if self.name else str(self.country.name)

    @property
    def is_national(self) -> bool:
        return not self.name


class ImportBatch(models.Model):
    """One imported file: its layout and header, so an export writes the layout the data came in."""

    file_name = models.CharField(max_length=255)
    layout = models.CharField(max_length=12)
    header = models.JSONField(default=list)
    rows = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    def __str__(self) -> str:
        return f"{self.file_name} ({self.layout})"


class Measure(models.Model):
    """One entry of the log: an indicator's value in a jurisdiction from a start to an end date."""

    LOG_TYPES = [
        (panel.INTRODUCED, _("introduced")),
        (panel.EXTENDED, _("extended")),
        (panel.TIGHTENED, _("tightened")),
        (panel.EASED, _("eased")),
        (panel.PHASED_OUT, _("phased out")),
    ]
    SOURCE_KINDS = [
        ("document", _("document in the corpus")),
        ("url", _("web address")),
        ("answer", _("questionnaire answer")),
        ("file", _("imported file")),
    ]

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="measures"
    )
    codebook = models.CharField(max_length=40, default="oxcgrt")
    codebook_version = models.CharField(max_length=20)
    indicator = models.CharField(max_length=20, db_index=True)
    applies_to = models.CharField(max_length=16, choices=APPLIES_TO, default="everyone")
    value = models.FloatField(null=True, blank=True)
    flag = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField(db_index=True)
    end_date = models.DateField(null=True, blank=True, help_text="Blank while in force")
    log_type = models.CharField(max_length=12, choices=LOG_TYPES, default=panel.INTRODUCED)
    population_targeted = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    source_kind = models.CharField(max_length=10, choices=SOURCE_KINDS)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    source_url = models.URLField(max_length=1000, blank=True)
    answer = models.ForeignKey(
        "Answer", null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    source_row = models.PositiveIntegerField(null=True, blank=True, help_text="Row of the file")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["jurisdiction", "indicator", "start_date", "pk"]
        indexes = [models.Index(fields=["jurisdiction", "codebook", "indicator", "applies_to"])]

    def __str__(self) -> str:
        return f"{self.jurisdiction.code} {self.indicator}={self.value:g} from {self.start_date}"

    @property
    def definition(self) -> Indicator | None:
        """The indicator as the codebook version it was recorded under defines it."""
        try:
            return get_codebook(self.codebook, self.codebook_version).indicator(self.indicator)
        except CodebookError:
            return None

    @property
    def passage(self) -> str:
        if self.document_id and self.span_start is not None and self.span_end is not None:
            return self.document.text[self.span_start : self.span_end]
        return ""


class DailyValue(models.Model):
    """The panel: the value in force per jurisdiction, indicator and day. Derived from the log by
    ``actions.do_rebuild_panel``; never edited by hand."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    codebook = models.CharField(max_length=40)
    indicator = models.CharField(max_length=20)
    applies_to = models.CharField(max_length=16, choices=APPLIES_TO)
    day = models.DateField()
    value = models.FloatField(null=True)
    flag = models.PositiveSmallIntegerField(null=True)
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "codebook", "indicator", "applies_to", "day"],
                name="one_panel_value_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.day}: {self.value}"


class DailyIndex(models.Model):
    """The indices per jurisdiction and day, computed from the panel."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    index = models.CharField(max_length=24)
    variant = models.CharField(max_length=20, default="", blank=True)
    value = models.FloatField(null=True)
    display_value = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "index", "variant", "day"], name="one_index_value_a_day"
            )
        ]
        indexes = [models.Index(fields=["index", "variant", "day"])]

    def __str__(self) -> str:
        return f"{self.index} {self.day}: {self.value}"


class SituationRecord(models.Model):
    """Cases and deaths (suspected and confirmed) in a jurisdiction on a day, with the source."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="situation"
    )
    day = models.DateField()
    confirmed_cases = models.PositiveBigIntegerField(null=True, blank=True)
    confirmed_deaths = models.PositiveBigIntegerField(null=True, blank=True)
    suspected_cases = models.PositiveBigIntegerField(null=True, blank=True)
    suspected_deaths = models.PositiveBigIntegerField(null=True, blank=True)
    share_vaccinated = models.FloatField(null=True, blank=True)
    majority_vaccinated = models.CharField(max_length=4, blank=True)
    source = models.CharField(max_length=500, blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["jurisdiction", "day"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "day"], name="one_situation_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} {self.day}"


class Questionnaire(models.Model):
    """A consultation of States on the measures they took."""

    title = models.CharField(max_length=300)
    introduction = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class QuestionnaireRecipient(models.Model):
    """A State the questionnaire was sent to, and by when it is due."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="recipients"
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["questionnaire", "country__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "country"], name="sent_once_a_state")
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} → {self.country_id}"


class Question(models.Model):
    KINDS = [
        ("choice", _("choice")),
        ("number", _("number")),
        ("date", _("date")),
        ("text", _("text")),
        ("measure", _("a measure under an indicator")),
    ]
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveIntegerField(default=0)
    text = models.TextField()
    kind = models.CharField(max_length=8, choices=KINDS)
    choices = models.JSONField(default=list, blank=True)
    codebook = models.CharField(max_length=40, blank=True)
    indicator = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["questionnaire", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Answer(models.Model):
    """A State's answer to one question; a measure answer becomes a measure in the log."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    value = models.JSONField(default=dict)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "country"], name="one_answer_a_state")
        ]

    def __str__(self) -> str:
        return f"{self.country_id}: {self.question_id}"


# ----- mobility (as IOM DTM records it) -----------------------------------------------------------


class TravelRestriction(models.Model):
    """A country-pair restriction: the imposing country restricts entry of people from (or
    nationals of) the affected one; affected blank means everyone."""

    TOTAL, CONDITIONS, NONE = "total_entry_restriction", "conditions_for_entry", "none"
    KINDS = [
        (TOTAL, _("total entry restriction")),
        (CONDITIONS, _("conditions for authorized entry")),
        (NONE, _("no restriction")),
    ]
    CONDITIONS_LIST = [
        ("medical", _("medical")),
        ("visa_documents", _("visa or documents")),
        ("other", _("other")),
    ]
    imposing = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    affected = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=24, choices=KINDS)
    conditions = models.JSONField(default=list, blank=True)
    exceptions = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    source_url = models.URLField(max_length=1000, blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["imposing__name_en", "start_date"]
        indexes = [models.Index(fields=["affected", "start_date"])]

    def __str__(self) -> str:
        return f"{self.imposing_id} → {self.affected_id or '*'}: {self.kind}"


class PointOfEntry(models.Model):
    KINDS = [
        ("airport", _("airport")),
        ("land_border", _("land border crossing")),
        ("blue_border", _("blue border crossing")),
        ("internal_transit", _("internal transit point")),
        ("area_of_interest", _("area of interest")),
    ]
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=KINDS)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["country__name_en", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="one_point_of_entry_name")
        ]

    def __str__(self) -> str:
        return self.name


class PointOfEntryStatus(models.Model):
    """The status of a point of entry from a date on (until the next status)."""

    STATUSES = [
        ("fully_closed", _("fully closed")),
        ("partially_operational", _("partially operational")),
        ("fully_operational", _("fully operational")),
    ]
    point = models.ForeignKey(PointOfEntry, on_delete=models.CASCADE, related_name="statuses")
    since = models.DateField()
    status = models.CharField(max_length=24, choices=STATUSES)
    measures = models.TextField(blank=True)
    population_affected = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=1000, blank=True)

    class Meta:
        ordering = ["point", "since"]
        constraints = [models.UniqueConstraint(fields=["point", "since"], name="one_status_a_day")]

    def __str__(self) -> str:
        return f"{self.point} {self.since}: {self.status}"


class StrandedMigrants(models.Model):
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField()
    source_url = models.URLField(max_length=1000, blank=True)

    class Meta:
        ordering = ["country", "day"]
        verbose_name_plural = "stranded migrants"
        constraints = [
            models.UniqueConstraint(fields=["country", "day"], name="one_stranded_count_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.day}: {self.count}"
