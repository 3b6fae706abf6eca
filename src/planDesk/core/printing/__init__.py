"""Printouts (PDF) built with reportlab platypus: no Qt here.

``document`` holds the page furniture every printout shares (paper sizes, header and
footer, "n / N" pages, bookmarks, metadata), ``kinsoku`` the Japanese line breaking used by
every paragraph and table cell, ``styles`` the type and colours. Each printout is one
module: ``booklet`` (the plan), ``results_report`` (the annual results report),
``submission_pdf`` (a department's reports), ``summary`` (meeting summary) and
``progress_table_pdf`` (the consolidated progress table).
"""
