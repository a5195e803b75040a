"""Import of fiches from XLSX / CSV: drafts and revisions, row-by-row report, French errors
naming line and column, all-or-nothing, idempotency, round trip with the export (of the demo
guide: test_import_demo.py)."""

import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import PageLogEntry, ReferenceIndex

from guide.models import AidPage, Contact
from tests.support.factories import AidPageFactory
from tests.support.transfer_files import (
    HEADERS,
    counts,
    csv_of,
    fiche_row,
    messages,
    run,
    warnings,
    xlsx_of,
)
from transfer.report import Outcome


def only(report, line):
    return next(row for row in report.rows if row.line == line)


# A valid file ----------


@pytest.mark.django_db
def test_a_valid_file_creates_drafts_never_published(actors, guide_index, django_user_model):
    operator, contact = actors
    user = django_user_model.objects.create_user("redacteur")
    given = uuid.uuid4()
    data = xlsx_of(
        HEADERS,
        [
            fiche_row(uuid=str(given)),
            fiche_row(
                titre="Conseil RH",
                types_aide="accompagnement",
                volet_1_nature="accompagnement",
                volet_1_intitule="Diagnostic RH",
                volet_1_montant="",
                volet_1_unite="",
                volet_1_taux="",
                volet_1_duree_mois="",
                volet_1_plafond="",
                volet_1_jours=5,
                volet_1_conditions="",
                contact_1_nom="Service entreprises",
                contact_1_email="entreprises@example.org",
                contact_2_nom="Edith Blard",
                contact_2_organisation="Initiative Bièvre",
                contact_2_note="",
            ),
        ],
    )
    report = run(data, user=user, dry_run=False)
    assert not report.has_errors, messages(report)
    assert [row.outcome for row in report.rows] == [Outcome.CREATED, Outcome.CREATED]
    assert report.applied

    page = AidPage.objects.get(aid_uuid=given)  # the given uuid is kept
    assert not page.live and page.has_unpublished_changes
    assert page.get_parent().pk == guide_index.pk
    assert page.owner == user and page.latest_revision.user == user
    assert page.operator == operator and page.slug == "pret-dhonneur-bievre"
    assert {t.slug for t in page.aid_types.all()} == {"pret", "accompagnement"}
    assert page.closing_date == datetime.date(2026, 12, 31)
    assert page.eligibility == "Créateur d'entreprise\nProjet implanté sur le territoire"
    loan = page.financial_components.get()
    assert loan.amount == Decimal("15000") and loan.unit == "emploi_cree" and loan.rate == 0
    assert loan.conditions == "Sans caution personnelle\nNon affecté"
    assert page.contacts.get().contact == contact  # matched by name + organisation
    actions = PageLogEntry.objects.filter(page=page).values_list("action", "user")
    assert set(actions) == {("wagtail.create", user.pk), ("wagtail.edit", user.pk)}
    # The admin's usage counts know the new page (reference index updated once per page).
    assert ReferenceIndex.get_references_to(operator).filter(object_id=str(page.pk)).exists()
    # The revision holds the same content as the draft row.
    assert page.latest_revision.as_object().financial_components.get().ceiling == 225000

    second = AidPage.objects.get(title="Conseil RH")
    lines = list(second.contacts.all())
    created = Contact.objects.get(name="Service entreprises")
    assert [line.contact for line in lines] == [created, contact]
    assert created.organisation == operator and created.email == "entreprises@example.org"
    assert any("Nouveau contact créé" in note for note in only(report, 3).notes)
    assert any("pour publier, il manquera" in note for note in only(report, 3).notes)


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_says_what_would_happen(actors, guide_index):
    before = counts()
    report = run(xlsx_of(HEADERS, [fiche_row(contact_1_nom="Nouveau", contact_1_email="n@x.fr")]))
    assert report.dry_run and not report.applied
    assert only(report, 2).outcome == Outcome.CREATED
    assert "Essai à blanc" in report.conclusion()
    assert counts() == before


@pytest.mark.django_db
def test_csv_with_semicolons_and_windows_1252(actors, guide_index):
    data = csv_of(HEADERS, [fiche_row(titre="Aide à l'émergence")], ";", "cp1252")
    report = run(data, "fiches.csv", dry_run=False)
    assert not report.has_errors, messages(report)
    assert AidPage.objects.filter(title="Aide à l'émergence").exists()


# Each kind of invalid row ----------

INVALID_ROWS = [
    (
        {"volet_1_plafond": "15 000 €"},
        "Ligne 2, colonne volet_1_plafond : « 15 000 € » n'est pas un nombre.",
    ),
    (
        {"effectif_max": "douze"},
        "Ligne 2, colonne effectif_max : « douze » n'est pas un nombre entier.",
    ),
    (
        {"date_cloture": "31/02/2026"},
        "Ligne 2, colonne date_cloture : « 31/02/2026 » n'est pas une date.",
    ),
    (
        {"mise_en_avant": "peut-être"},
        "Ligne 2, colonne mise_en_avant : « peut-être » : écrivez oui ou non.",
    ),
    (
        {"recurrence": "mensuelle"},
        "Ligne 2, colonne recurrence : « mensuelle » n'est pas une valeur possible.",
    ),
    (
        {"types_aide": "pret | subventions"},
        "Ligne 2, colonne types_aide : « subventions » n'est pas un type d'aide connu. "
        "Vouliez-vous dire « subvention » ?",
    ),
    (
        {"territoires": "DEP-75"},
        "Ligne 2, colonne territoires : « DEP-75 » n'est pas un territoire",
    ),
    (
        {"operateur": "Initiative Bievre SA"},
        "Ligne 2, colonne operateur : « Initiative Bievre SA » n'est pas une organisation du guide",
    ),
    ({"titre": ""}, "Ligne 2, colonne titre : "),
    ({"uuid": "1234"}, "Ligne 2, colonne uuid : « 1234 » n'est pas un identifiant UUID valide."),
    ({"url_dispositif": "pas une adresse"}, "Ligne 2, colonne url_dispositif : "),
    ({"promesse": "Financez " * 25}, "Ligne 2, colonne promesse : "),
    ({"volet_1_nature": ""}, "Ligne 2, colonne volet_1_nature : indiquez la nature du volet"),
    (
        {"volet_1_nature": "subvention"},
        "Ligne 2, colonne volet_1_nature : « Subvention » n'est pas coché dans les types d'aide",
    ),
    (
        {"volet_1_plafond": "100"},
        "Ligne 2, colonne volet_1_plafond : Le plafond (100\xa0€) ne peut pas être inférieur",
    ),
    (
        {"volet_1_montant": ""},
        "Ligne 2, colonne volet_1_montant : Un montant « par emploi créé » demande un montant",
    ),
    ({"volet_1_taux": "120"}, "Ligne 2, colonne volet_1_taux : "),
    (
        {"volet_1_part_max": "50"},
        "Ligne 2, colonne volet_1_part_de : Précisez de quoi la part maximale",
    ),
    (
        {"date_ouverture": "2027-01-01"},
        "Ligne 2, colonne date_cloture : La date de clôture (31/12/2026) doit être postérieure",
    ),
    (
        {"recurrence": "permanente"},
        "Ligne 2, colonne date_cloture : Un dispositif permanent n'a pas de date de clôture",
    ),
    (
        {"effectif_min": "50", "effectif_max": "10"},
        "Ligne 2, colonne effectif_max : L'effectif maximum (10) est inférieur à l'effectif "
        "minimum (50).",
    ),
    (
        {"contact_1_nom": "Inconnu", "contact_1_telephone": "12"},
        "Ligne 2, colonne contact_1_telephone : « 12 » n'est pas un numéro de téléphone valide.",
    ),
    (
        {"contact_1_nom": "Inconnu"},
        "Ligne 2, colonne contact_1_email : Indiquez au moins un e-mail ou un téléphone",
    ),
    (
        {"contact_1_organisation": ""},
        "Ligne 2, colonne contact_1_organisation : indiquez l'organisation",
    ),
    ({"contact_1_note": "x" * 300}, "Ligne 2, colonne contact_1_note : "),
    ({"slug": "Pas un slug !"}, "Ligne 2, colonne slug : "),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "expected"), INVALID_ROWS)
def test_each_kind_of_invalid_row_is_reported_in_french(actors, guide_index, overrides, expected):
    before = counts()
    report = run(xlsx_of(HEADERS, [fiche_row(**overrides)]), dry_run=False)
    found = messages(report)
    assert any(message.startswith(expected) for message in found), found
    assert only(report, 2).outcome == Outcome.ERROR
    assert not report.applied and counts() == before
    assert "rien n'a été enregistré" in report.conclusion()


@pytest.mark.django_db
def test_duplicates_within_the_file(actors, guide_index):
    same = str(uuid.uuid4())
    report = run(
        xlsx_of(
            HEADERS,
            [
                fiche_row(uuid=same),
                fiche_row(uuid=same, titre="Autre"),
                fiche_row(slug="meme-adresse", titre="A"),
                fiche_row(slug="meme-adresse", titre="B"),
            ],
        )
    )
    found = messages(report)
    assert "Ligne 3, colonne uuid : cet uuid figure déjà à la ligne 2" in found[0]
    assert any(
        m.startswith("Ligne 5, colonne slug : le slug « meme-adresse » figure déjà") for m in found
    )


@pytest.mark.django_db
def test_same_titles_get_distinct_slugs_and_a_twin_warning(actors, guide_index):
    AidPageFactory(parent=guide_index, title="Prêt d'honneur Bièvre", slug="pret-dhonneur-bievre")
    report = run(xlsx_of(HEADERS, [fiche_row(), fiche_row()]), dry_run=False)
    assert not report.has_errors, messages(report)
    slugs = set(
        AidPage.objects.filter(title="Prêt d'honneur Bièvre").values_list("slug", flat=True)
    )
    assert slugs == {"pret-dhonneur-bievre", "pret-dhonneur-bievre-2", "pret-dhonneur-bievre-3"}
    assert any("une fiche porte déjà ce titre" in w for w in warnings(report))


# All or nothing ----------


@pytest.mark.django_db
def test_one_bad_row_among_hundreds_changes_nothing(actors, guide_index):
    existing = AidPageFactory(parent=guide_index, title="Fiche existante")
    rows = [fiche_row(titre=f"Aide {n}", slug=f"aide-{n}") for n in range(300)]
    rows[150]["volet_1_plafond"] = "15 000 €"
    rows[10] = fiche_row(uuid=str(existing.aid_uuid), titre="Fiche existante modifiée")
    rows[20] = fiche_row(titre="Contact nouveau", contact_1_nom="Nouveau", contact_1_email="n@x.fr")
    before = counts()
    report = run(xlsx_of(HEADERS, rows), dry_run=False)
    assert messages(report) == [
        "Ligne 152, colonne volet_1_plafond : « 15 000 € » n'est pas un nombre. Écrivez les "
        "chiffres seuls, avec un point pour les décimales : 15000 ou 33.33."
    ]
    assert report.count(Outcome.ERROR) == 1 and report.count(Outcome.CREATED) == 298
    assert report.count(Outcome.UPDATED) == 1
    assert counts() == before  # no page, no revision, no contact, no log entry
    existing.refresh_from_db()
    assert existing.title == "Fiche existante"


@pytest.mark.django_db
def test_a_failure_while_saving_rolls_everything_back(actors, guide_index, monkeypatch):
    rows = [
        fiche_row(titre=f"Aide {n}", contact_1_nom=f"Nouveau {n}", contact_1_email="n@x.fr")
        for n in range(5)
    ]
    original = AidPage.save_revision
    calls = []

    def flaky_save_revision(self, *args, **kwargs):
        calls.append(self.title)
        if len(calls) == 4:
            raise RuntimeError("disque plein")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AidPage, "save_revision", flaky_save_revision)
    before = counts()
    report = run(xlsx_of(HEADERS, rows), dry_run=False)
    assert not report.applied and report.has_errors
    assert "l'enregistrement a échoué (disque plein)" in messages(report)[0]
    assert counts() == before


# Updating existing fiches ----------


@pytest.mark.django_db
def test_reimporting_the_same_file_creates_no_revision(actors, guide_index):
    rows = [fiche_row(uuid=str(uuid.uuid4()), titre=f"Aide {n}") for n in range(3)]
    data = xlsx_of(HEADERS, rows)
    first = run(data, dry_run=False)
    assert first.count(Outcome.CREATED) == 3
    before = counts()
    second = run(data, dry_run=False)
    assert [row.outcome for row in second.rows] == [Outcome.UNCHANGED] * 3
    assert counts() == before


@pytest.mark.django_db
def test_a_partial_file_changes_only_its_columns(actors, guide_index):
    page = AidPageFactory(parent=guide_index, closing_date=datetime.date(2026, 6, 30))
    page.save_revision().publish()
    data = xlsx_of(
        ["uuid", "date_cloture"], [{"uuid": str(page.aid_uuid), "date_cloture": "2026-09-30"}]
    )
    report = run(data, dry_run=False)
    assert only(report, 2).changed == ["date_cloture"]
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert latest.closing_date == datetime.date(2026, 9, 30)
    assert latest.title == page.title and latest.promesse == page.promesse
    assert list(latest.contacts.all())  # the contact line is kept
    assert page.live and page.closing_date == datetime.date(2026, 6, 30)  # not published


@pytest.mark.django_db
def test_a_draft_page_row_follows_its_new_revision(actors, guide_index):
    report = run(xlsx_of(HEADERS, [fiche_row(uuid=str(uuid.uuid4()))]), dry_run=False)
    page = AidPage.objects.get(pk=only(report, 2).page_id)
    data = xlsx_of(["uuid", "promesse"], [{"uuid": str(page.aid_uuid), "promesse": "Lancez-vous"}])
    run(data, dry_run=False)
    page.refresh_from_db()
    assert not page.live and page.promesse == "Lancez-vous"  # as the admin does for drafts
    assert page.revisions.count() == 2


@pytest.mark.django_db
def test_an_existing_contact_is_never_modified(actors, guide_index):
    _operator, contact = actors
    report = run(
        xlsx_of(
            HEADERS,
            [fiche_row(contact_1_email="autre@example.org", contact_1_telephone="01 99 00 12 34")],
        ),
        dry_run=False,
    )
    assert not report.has_errors
    contact.refresh_from_db()
    assert contact.email == "edith@example.org" and contact.phone == "+33619918462"
    found = warnings(report)
    assert any(
        w.startswith("Ligne 2, colonne contact_1_email : l'e-mail du fichier") for w in found
    )
    assert any(w.startswith("Ligne 2, colonne contact_1_telephone : le téléphone") for w in found)
    assert Contact.objects.count() == 1


@pytest.mark.django_db
def test_rich_text_is_cleaned_like_the_editor_and_stays_idempotent(actors, guide_index):
    row = fiche_row(
        uuid=str(uuid.uuid4()), description="<p>Texte <script>alert(1)</script><b>gras</b></p>"
    )
    data = xlsx_of(HEADERS, [row])
    run(data, dry_run=False)
    page = AidPage.objects.get(aid_uuid=row["uuid"])
    assert "<script>" not in page.description and "<b>gras</b>" in page.description
    assert [r.outcome for r in run(data).rows] == [Outcome.UNCHANGED]


@pytest.mark.django_db
def test_refused_files_get_a_french_message(actors, guide_index):
    assert "n'est pas un tableur accepté" in messages(run(b"%PDF-1.4", "fiche.pdf"))[0]
    assert "Ce fichier .xlsx est illisible" in messages(run(b"pas un zip", "fiches.xlsx"))[0]
    assert "n'a pas les en-têtes attendus" in messages(run(b"nom,prenom\nA,B\n", "x.csv"))[0]
    assert "n'est pas un fichier texte" in messages(run(b"\x00\x01\x02binaire", "x.csv"))[0]
    assert "Le fichier est vide" in messages(run(b"", "x.csv"))[0]
    with override_settings(GUIDE_IMPORT_MAX_BYTES=100):
        assert "la limite est de 100" in messages(run(xlsx_of(HEADERS, [fiche_row()])))[0]
    with override_settings(GUIDE_IMPORT_MAX_ROWS=2):
        data = xlsx_of(HEADERS, [fiche_row(titre=str(n)) for n in range(3)])
        assert "plus de 2 lignes" in messages(run(data))[0]
    report = run(csv_of(["uuid", "titre", "titre"], []), "x.csv")
    assert report.rejected and "Colonnes en double" in messages(report)[0]


@pytest.mark.django_db
def test_import_fiches_command(actors, guide_index, tmp_path, django_user_model):
    user = django_user_model.objects.create_user("import")
    good = tmp_path / "fiches.xlsx"
    good.write_bytes(xlsx_of(HEADERS, [fiche_row()]))
    out = io.StringIO()
    call_command("import_fiches", str(good), "--dry-run", stdout=out)
    assert "Ligne 2 · créée · Prêt d'honneur Bièvre" in out.getvalue()
    assert not AidPage.objects.filter(title="Prêt d'honneur Bièvre").exists()
    call_command("import_fiches", str(good), "--user", "import", stdout=io.StringIO())
    assert AidPage.objects.get(title="Prêt d'honneur Bièvre").latest_revision.user == user

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_of(HEADERS, [fiche_row(date_cloture="demain")]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="rien n'a été enregistré"):
        call_command("import_fiches", str(bad), stdout=out)
    assert "Ligne 2, colonne date_cloture : « demain » n'est pas une date." in out.getvalue()
