"""Input formats of the admin's dates where Django's own forms read them (Wagtail's filters and
reports, ``FORMAT_MODULE_PATH``): day first in both languages, as the date picker writes them
(``WAGTAIL_DATE_FORMAT``). The admin's model forms read dates with ``core/french_input.py``."""
