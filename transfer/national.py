"""Reading a CSV in the national schema (etalab ``dispositif-aide`` v0.2.0 and its
``dispositif-aide-professionnels`` extension) as a table of the guide's own format.

Each national row becomes a row of the guide's columns; the import then treats it as any
other row (same checks, same report, same key: the national ``id`` is the fiche's ``uuid``).
Only the columns with an equivalent are filled, so an import updates those fields of an
existing fiche and leaves the others (volets, contacts, sectors...) as they are. A national
column with no equivalent is reported once, as a warning. Messages name the national column.
"""

import datetime
import html
import re
import zoneinfo

from django.utils.translation import gettext as _

from guide.models import NationalAidType

from .cells import cell_text, quoted, split_values
from .files import FileRejected, Table

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

# national column -> the guide's column
DIRECT = {
    "id": "uuid",
    "titre": "titre",
    "promesse": "promesse",
    "url_source": "url_dispositif",
    "eligibilite_effectif_minimal": "effectif_min",
    "eligibilite_effectif_maximal": "effectif_max",
    "eligibilite_annees_existence_minimal": "annees_existence_min",
}
CONVERTED = {
    "description": "description",
    "eligibilite": "eligibilite",
    "types_aides": "types_aide",
    "porteurs": "operateur",
    "programmes_parents": "programme",
    "eligibilite_geographique": "territoires",
    "eligibilite_categorie_taille_entreprise": "categories_entreprise",
    "date_ouverture": "date_ouverture",
    "date_cloture": "date_cloture",
}
# national columns without an equivalent in the guide, and why
IGNORED = {
    "cibles": _("le guide ne s'adresse qu'aux professionnels"),
    "eligibilite_geographique_exclusions": _("le guide n'a pas d'exclusions géographiques"),
    "date_mise_a_jour": _("la date de modification est celle de la révision créée"),
    "base_juridique": _("pas de champ « base juridique » dans le guide"),
    "eligibilite_forme_juridique": _("pas de champ « forme juridique » dans le guide"),
    "eligibilite_forme_juridique_exclusions": _("pas de champ « forme juridique » dans le guide"),
    "ciblage_secteur_activite": _(
        "la nomenclature nationale des secteurs ne correspond pas aux secteurs du guide"
    ),
    "ciblage_naf": _("pas de codes NAF dans le guide"),
    "ciblage_naf_exclusions": _("pas de codes NAF dans le guide"),
    "chainage_paiement": _("pas de chaînage de dispositifs dans le guide"),
}
REQUIRED = {"id", "titre"}
FUNDER_ROLE = "financeur"
BULLET = re.compile(r"^[\s•\-–—*·]+")


def national_table(table, references):
    """The guide's table for a national CSV ``table``; raises FileRejected if it isn't one."""
    missing = REQUIRED - set(table.headers)
    if missing:
        raise FileRejected(
            _(
                "Ce fichier ne suit pas le schéma national des dispositifs d'aide : il manque "
                "les colonnes %(columns)s."
            )
            % {"columns": ", ".join(sorted(missing))}
        )
    warnings = []
    for header in table.headers:
        if header in IGNORED:
            warnings.append(
                _("colonne %(column)s ignorée : %(reason)s.")
                % {"column": header, "reason": IGNORED[header]}
            )
        elif header not in DIRECT and header not in CONVERTED:
            warnings.append(_("colonne %(column)s inconnue, ignorée.") % {"column": header})

    headers, source = [], {}
    for national, ours in [*DIRECT.items(), *CONVERTED.items()]:
        if national in table.headers:
            headers.append(ours)
            source[ours] = national
    if "porteurs" in table.headers:
        headers.append("financeurs")
        source["financeurs"] = "porteurs"

    converter = _RowConverter(references)
    rows = []
    for line, cells in table.rows:
        converter.line = line
        row = {}
        for national, ours in DIRECT.items():
            if national in cells:
                row[ours] = cells[national]
        for national in CONVERTED:
            if national in cells:
                converter.convert(national, cells[national], row)
        rows.append((line, row))
    return Table(
        headers=headers,
        rows=rows,
        source_headers=source,
        warnings=warnings,
        row_messages=converter.messages,
    )


class _RowConverter:
    """Turns national cells into the guide's cells. A value that can't be converted is left
    as written, so that the import's own check reports it on the national column."""

    def __init__(self, references):
        self.references = references
        self.line = None
        self.messages = {}

    def report(self, is_error, header, text):
        self.messages.setdefault(self.line, []).append((is_error, header, text))

    def convert(self, national, raw, row):
        method = getattr(self, f"_{national}")
        method(raw, row)

    def _description(self, raw, row):
        text = cell_text(raw)
        if text and not text.lstrip().startswith("<"):
            paragraphs = [part.strip() for part in re.split(r"\n\s*\n|\n", text) if part.strip()]
            text = "".join(f"<p>{html.escape(part, quote=False)}</p>" for part in paragraphs)
        row["description"] = text

    def _eligibilite(self, raw, row):
        lines = [BULLET.sub("", line).strip() for line in cell_text(raw).split("\n")]
        row["eligibilite"] = "\n".join(line for line in lines if line)

    def _types_aides(self, raw, row):
        slugs = []
        for value in split_values(raw):
            national_type = value.strip().lower()
            if national_type not in NationalAidType.values:
                self.report(
                    True,
                    "types_aides",
                    _(
                        "%(value)s n'est pas une valeur du schéma national. Valeurs possibles : "
                        "%(values)s."
                    )
                    % {"value": quoted(value), "values": ", ".join(NationalAidType.values)},
                )
                continue
            aid_type = self.references.aid_type_for_national(national_type)
            if aid_type is None:
                self.report(
                    False,
                    "types_aides",
                    _("aucun type d'aide du guide ne correspond à %(value)s : valeur ignorée.")
                    % {"value": quoted(value)},
                )
                continue
            slugs.append(aid_type.slug)
        row["types_aide"] = " | ".join(dict.fromkeys(slugs))

    def _porteurs(self, raw, row):
        actors = parse_actors(cell_text(raw))
        if not actors:
            row["operateur"] = cell_text(raw)
            return
        organisations = self.references.vocabulary("organisations")
        names = []
        for actor in actors:
            found = None
            if actor["siren"]:
                found = next(
                    (
                        org
                        for org in organisations.objects
                        if org.siren.replace(" ", "") == actor["siren"]
                    ),
                    None,
                )
            found = found or organisations.find(actor["nom"])
            names.append((actor, found.name if found else _actor_label(actor)))
        operators = [name for actor, name in names if actor["roles"] != {FUNDER_ROLE}]
        funders = [name for actor, name in names if FUNDER_ROLE in actor["roles"]]
        operator = operators[0] if operators else names[0][1]
        row["operateur"] = operator
        funders = [name for name in dict.fromkeys(funders) if name != operator]
        if funders:  # otherwise the fiche keeps its funders
            row["financeurs"] = " | ".join(funders)

    def _programmes_parents(self, raw, row):
        programmes = self.references.vocabulary("programmes")
        for value in split_values(raw):
            found = programmes.find(value)
            if found:
                row["programme"] = found.name
                return
        # None of the national programmes is one of the guide's: the fiche keeps its own.

    def _eligibilite_geographique(self, raw, row):
        row["territoires"] = " | ".join(split_values(raw))

    def _eligibilite_categorie_taille_entreprise(self, raw, row):
        row["categories_entreprise"] = " | ".join(split_values(raw))

    def _date_ouverture(self, raw, row):
        row["date_ouverture"] = national_date(raw)

    def _date_cloture(self, raw, row):
        row["date_cloture"] = national_date(raw)


def _actor_label(actor):
    """How an actor found neither by SIREN nor by name is named in the error message."""
    label = actor["nom"] or "?"
    if actor["siren"]:
        label = f"{label} (SIREN {actor['siren']})"
    return label


ACTOR = re.compile(r"\{(?P<body>[^{}]*)\}")
NAME = re.compile(r"""["']?nom["']?\s*:\s*(?:'(?P<single>[^']*)'|"(?P<double>[^"]*)")""")
SIREN = re.compile(r"""["']?siren["']?\s*:\s*["']?(?P<siren>[\d\s]*)["']?""")
ROLES = re.compile(r"""["']?roles["']?\s*:\s*\[(?P<roles>[^\]]*)\]""")


def parse_actors(text):
    """The actors of a ``porteurs`` cell: ``[{nom, siren, roles}]``.

    The schema's example is not strict JSON (``{ nom: 'ADEME', siren: '385290309', roles: [
    'instructeur' ]}``): both that form and JSON are read.
    """
    actors = []
    for match in ACTOR.finditer(text or ""):
        body = match.group("body")
        name = NAME.search(body)
        siren = SIREN.search(body)
        roles = ROLES.search(body)
        actors.append(
            {
                "nom": (name.group("single") or name.group("double") or "").strip() if name else "",
                "siren": re.sub(r"\s", "", siren.group("siren")) if siren else "",
                "roles": {
                    role.strip().strip("'\"").strip().lower()
                    for role in (roles.group("roles").split(",") if roles else [])
                    if role.strip().strip("'\"").strip()
                },
            }
        )
    return actors


def national_date(raw):
    """An ISO 8601 date-time of the schema as the date it is in Paris (``2025-10-15``)."""
    if isinstance(raw, datetime.datetime):
        moment = raw
    elif isinstance(raw, datetime.date):
        return raw
    else:
        text = cell_text(raw)
        if not text:
            return ""
        try:
            moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text  # reported by the import as "not a date", on the national column
    if moment.tzinfo is not None:
        moment = moment.astimezone(PARIS)
    return moment.date()
