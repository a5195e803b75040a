# The admin in English still writes dates day first (the date picker's JJ/MM/AAAA, i.e.
# DD/MM/YYYY): Django's American « %m/%d/%Y » would read 03/04/2027 as the 4th of March.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d",
]
