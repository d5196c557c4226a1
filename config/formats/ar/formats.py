# Sanad's Arabic formats. Django's own Arabic locale has none for dates, so pages read
# "ديسمبر 2, 2026, 3:11 ص" (the English order with Arabic words). These follow how an
# Arabic newspaper writes: day, month, year, then an Arabic comma before the time, and
# "ص"/"م" (Django's Arabic for AM/PM) after it: "2 ديسمبر 2026، 3:11 م".
# Digits stay Western (0-9) in dates, as in the wording; see locale/GLOSSARY.md.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y، g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y، g:i A"
FIRST_DAY_OF_WEEK = 6  # Saturday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
